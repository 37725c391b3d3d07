import { withVerifiedWebhookApi } from "@hubsig/next";
import { deliveryRouter } from "../../../lib/events";
import { jiraSecrets } from "../../../lib/secrets";
import { type JiraPayload, logFailure, summarize } from "../../../lib/summary";

// Misconfigured on purpose: without `export const config = { api: { bodyParser: false } }`,
// Next.js parses the body first, and every delivery is answered 500 body_unavailable with a
// message that shows the missing line. Compare with ./jira.ts.

const events = deliveryRouter("pages/body-parsed");

export default withVerifiedWebhookApi<JiraPayload>(
  {
    secret: jiraSecrets(),
    onFailure: (failure) => logFailure("pages/body-parsed", failure),
  },
  async (webhook, _req, res) => {
    await events.dispatch(webhook);
    res.status(200).json(await summarize("pages/body-parsed", webhook));
  },
);
