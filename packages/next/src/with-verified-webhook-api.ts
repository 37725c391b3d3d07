import type { ServerResponse } from "node:http";
import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { webhookPipeline } from "@hubsig/core/adapter";
import {
  failureBody,
  isClientAbort,
  verifyNodeRequest,
  type WebhookOutcome,
} from "@hubsig/core/request";
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
 * as handled once the handler answers (`res.end()`, also after its promise settled) with a
 * status Jira does not retry; a thrown error or a 5xx, 408, 409, 425 or 429 answer releases it
 * for Jira's retry. A client that hangs up does not release it: it stays claimed until the
 * handler has answered, even to the closed socket, or its lease runs out. `replay` also refuses
 * deliveries whose signed timestamp is outside its window.
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
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });
  return async (req, res) => {
    let verified: WebhookOutcome<T>;
    try {
      verified = await pipeline.verify(req, (verifier) =>
        verifyNodeRequest<T>(req, verifier, options, { parsed: req.body, fix: BODY_PARSER_FIX }),
      );
    } catch (error) {
      // A client that hung up mid-body is nobody's error: there is no one left to answer.
      if (isClientAbort(error)) return;
      throw error;
    }
    if (!verified.ok) {
      // The rest of an oversized body is left unread: close the connection instead of draining it.
      if (verified.status === 413) res.setHeader("connection", "close");
      return sendJson(res, verified.status, failureBody(verified));
    }
    const { webhook } = verified;
    // The handler may answer after its promise settles; the delivery stays claimed until it does.
    let handled: unknown;
    const ran = await pipeline.runUntilAnswered(req, verified, res, () => {
      handled = handler(webhook, req, res);
      return handled;
    });
    if (!ran.ok) sendJson(res, ran.status, failureBody(ran));
    else if (ran.duplicate) sendJson(res, ran.status, ran.body);
    else await handled; // a rejection after the answer still reaches Next.js's error logging
  };
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(body);
}
