import { withVerifiedWebhook } from "@hubsig/next";
import { demoDedupe } from "../../../lib/dedupe";
import { deliveryRouter } from "../../../lib/events";
import { jiraSecrets } from "../../../lib/secrets";
import { type JiraPayload, logFailure, summarize } from "../../../lib/summary";

// node:crypto verifies faster than WebCrypto on Node; see ../jira-edge for the edge runtime.
export const runtime = "nodejs";

const events = deliveryRouter("app/nodejs");

export const POST = withVerifiedWebhook<JiraPayload>(
  {
    secret: jiraSecrets(),
    dedupe: demoDedupe(),
    onFailure: (failure) => logFailure("app/nodejs", failure),
  },
  async (webhook) => {
    // A failing handler rejects: the route answers 500, so Jira retries the delivery.
    await events.dispatch(webhook);
    return Response.json(await summarize("app/nodejs", webhook));
  },
);
