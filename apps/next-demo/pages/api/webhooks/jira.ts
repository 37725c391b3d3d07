import { withVerifiedWebhookApi } from "@hubsig/next";
import { demoDedupe } from "../../../lib/dedupe";
import { deliveryRouter } from "../../../lib/events";
import { jiraSecrets } from "../../../lib/secrets";
import { type JiraPayload, logFailure, summarize } from "../../../lib/summary";

// The signature covers the bytes as sent: Next.js must not parse the body first.
export const config = { api: { bodyParser: false } };

const events = deliveryRouter("pages");

export default withVerifiedWebhookApi<JiraPayload>(
  {
    secret: jiraSecrets(),
    dedupe: demoDedupe(),
    onFailure: (failure) => logFailure("pages", failure),
  },
  async (webhook, _req, res) => {
    await events.dispatch(webhook);
    res.status(200).json(await summarize("pages", webhook));
  },
);
