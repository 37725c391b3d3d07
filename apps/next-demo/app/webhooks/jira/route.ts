import { withVerifiedWebhook } from "@hubsig/next";
import { jiraSecrets } from "../../../lib/secrets";
import { type JiraPayload, logFailure, summarize } from "../../../lib/summary";

// node:crypto verifies faster than WebCrypto on Node; see ../jira-edge for the edge runtime.
export const runtime = "nodejs";

export const POST = withVerifiedWebhook<JiraPayload>(
  {
    secret: jiraSecrets(),
    onFailure: (failure) => logFailure("app/nodejs", failure),
  },
  async (webhook) => Response.json(await summarize("app/nodejs", webhook)),
);
