import { withVerifiedWebhook } from "@hubsig/next";
import { demoDedupe } from "../../../lib/dedupe";
import { deliveryRouter } from "../../../lib/events";
import { jiraSecrets } from "../../../lib/secrets";
import { type JiraPayload, logFailure, summarize } from "../../../lib/summary";

// The same route on the edge runtime: @hubsig/core's WebCrypto build is picked automatically.
export const runtime = "edge";

const events = deliveryRouter("app/edge");

export const POST = withVerifiedWebhook<JiraPayload>(
  {
    secret: jiraSecrets(),
    dedupe: demoDedupe(),
    onFailure: (failure) => logFailure("app/edge", failure),
  },
  async (webhook) => {
    // A failing handler rejects: the route answers 500, so Jira retries the delivery.
    await events.dispatch(webhook);
    return Response.json(await summarize("app/edge", webhook));
  },
);
