import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { failureBody, verifyNodeRequest } from "@hubsig/core/request";
import type { NextApiRequest, NextApiResponse } from "next";

/**
 * What a Pages Router webhook handler receives once the delivery is verified.
 *
 * @example
 * ```ts
 * const handler: WebhookApiHandler = (webhook, req, res) => res.status(204).end();
 * ```
 */
export type WebhookApiHandler<T = unknown> = (
  webhook: VerifiedWebhook<T>,
  req: NextApiRequest,
  res: NextApiResponse,
) => unknown;

/** Shown when Next.js parsed the body first: the bytes Jira signed are gone by then. */
const BODY_PARSER_FIX =
  "Add `export const config = { api: { bodyParser: false } };` to this API route.";

/**
 * Wraps a Pages Router API route (`pages/api/...`) so that it only runs for deliveries whose
 * `X-Hub-Signature` matches. The route must turn Next.js's body parser off: a parsed body cannot
 * be verified, so when one arrives the route answers 500 `body_unavailable` with the line to add,
 * and never re-serializes it. Refused deliveries get `{ "error": reason, "message": text }`.
 *
 * @example
 * ```ts
 * // pages/api/webhooks/jira.ts
 * import { withVerifiedWebhookApi } from "@hubsig/next";
 *
 * export const config = { api: { bodyParser: false } };
 *
 * export default withVerifiedWebhookApi(
 *   { secret: process.env.JIRA_WEBHOOK_SECRET! },
 *   (webhook, req, res) => {
 *     console.log(webhook.payload, webhook.delivery.id);
 *     res.status(204).end();
 *   },
 * );
 * ```
 */
export function withVerifiedWebhookApi<T = unknown>(
  options: WebhookOptions<NextApiRequest>,
  handler: WebhookApiHandler<T>,
): (req: NextApiRequest, res: NextApiResponse) => Promise<void> {
  const verifier = createVerifier(options);
  return async (req, res) => {
    const state = { parsed: req.body, fix: BODY_PARSER_FIX };
    const outcome = await verifyNodeRequest<T>(req, verifier, options, state);
    if (outcome.ok) {
      await handler(outcome.webhook, req, res);
      return;
    }
    options.onFailure?.(outcome, req);
    // The rest of an oversized body is left unread: close the connection instead of draining it.
    if (outcome.status === 413) res.setHeader("connection", "close");
    res.statusCode = outcome.status;
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.end(failureBody(outcome));
  };
}
