import { withVerifiedWebhook } from "@hubsig/next";
import { jiraSecrets } from "../../../lib/secrets";
import { type JiraPayload, logFailure, summarize } from "../../../lib/summary";

// The same route on the edge runtime: @hubsig/core's WebCrypto build is picked automatically.
export const runtime = "edge";

export const POST = withVerifiedWebhook<JiraPayload>(
  {
    secret: jiraSecrets(),
    onFailure: (failure) => logFailure("app/edge", failure),
  },
  async (webhook) => Response.json(await summarize("app/edge", webhook)),
);
