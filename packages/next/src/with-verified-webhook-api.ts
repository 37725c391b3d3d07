import type { ServerResponse } from "node:http";
import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { requestVerifier } from "@hubsig/core/adapter";
import { isRetriedStatus, resolveDedupe, runOnce } from "@hubsig/core/dedupe";
import { diagnose } from "@hubsig/core/diagnose";
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
 * With `dedupe`, the handler runs once per `X-Atlassian-Webhook-Identifier`: the delivery counts
 * as handled once the response finishes with a status Jira does not retry; a thrown error, a
 * 5xx, 408, 409, 425 or 429 answer, or a connection closed first releases it for Jira's retry.
 * `secret` may be a function of the request (one secret per tenant); `diagnose: true` passes
 * the probable cause of a signature failure to `onFailure` as `failure.findings`.
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
  const verifierFor = requestVerifier(options, { createVerifier, diagnose });
  const dedupe = options.dedupe && resolveDedupe(options.dedupe);
  return async (req, res) => {
    const verifier = await verifierFor(req);
    const state = { parsed: req.body, fix: BODY_PARSER_FIX };
    const outcome = await verifyNodeRequest<T>(req, verifier, options, state);
    if (!outcome.ok) {
      options.onFailure?.(verifier.report(outcome), req);
      // The rest of an oversized body is left unread: close the connection instead of draining it.
      if (outcome.status === 413) res.setHeader("connection", "close");
      return sendJson(res, outcome.status, failureBody(outcome));
    }
    const { webhook } = outcome;
    const ran = await runOnce(
      webhook.delivery,
      dedupe,
      async () => {
        await handler(webhook, req, res);
        return answered(res);
      },
      (status) => status === undefined || isRetriedStatus(status),
    );
    if (!ran.ok) {
      options.onFailure?.(ran, req);
      sendJson(res, ran.status, failureBody(ran));
    } else if (ran.duplicate) {
      sendJson(res, ran.status, ran.body);
    }
  };
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(body);
}

// The status the response finished with, once it has; `undefined` when the connection closed
// first. A handler may answer after its promise settles, so this waits for the response.
function answered(res: ServerResponse): Promise<number | undefined> | number | undefined {
  if (res.writableFinished) return res.statusCode;
  if (res.destroyed) return undefined;
  return new Promise((resolve) => {
    const settle = () => {
      res.off("finish", settle).off("close", settle);
      resolve(res.writableFinished ? res.statusCode : undefined);
    };
    res.on("finish", settle).on("close", settle);
  });
}
