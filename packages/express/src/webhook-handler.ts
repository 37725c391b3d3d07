import type { VerifiedWebhook } from "@hubsig/core";
import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * An Express request after `verifyWebhook()`: `req.webhook` is set and `req.body` is its payload
 * (`undefined` for a Jira webhook set to "Exclude body").
 *
 * @example
 * ```ts
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 *
 * function log(req: WebhookRequest<JiraWebhookEvent>) {
 *   console.log(req.webhook.payload?.webhookEvent, req.webhook.delivery.id);
 * }
 * ```
 */
export interface WebhookRequest<T = unknown> extends Request {
  webhook: VerifiedWebhook<T>;
  body: T | undefined;
}

/**
 * A route handler that runs after `verifyWebhook()`.
 *
 * @example
 * ```ts
 * const handler: WebhookRequestHandler<{ webhookEvent: string }> = (req, res) => {
 *   console.log(req.webhook.payload?.webhookEvent);
 *   res.sendStatus(204);
 * };
 * ```
 */
export type WebhookRequestHandler<T = unknown> = (
  req: WebhookRequest<T>,
  res: Response,
  next: NextFunction,
) => unknown;

/**
 * Types a route handler that runs after `verifyWebhook()`: `req.webhook` is non-optional and its
 * payload has type `T`. Mounted without `verifyWebhook()` in front, it hands an error to
 * `next(err)` rather than run on an unverified request.
 *
 * @example
 * ```ts
 * import { isJiraEvent, type JiraWebhookEvent } from "@hubsig/core/jira";
 * import { verifyWebhook, webhookHandler } from "@hubsig/express";
 *
 * app.post(
 *   "/webhooks/jira",
 *   verifyWebhook({ secret: process.env.JIRA_WEBHOOK_SECRET! }),
 *   webhookHandler<JiraWebhookEvent>((req, res) => {
 *     const { payload } = req.webhook;
 *     if (isJiraEvent(payload, "jira:issue_updated")) console.log(payload.issue.key);
 *     res.sendStatus(204);
 *   }),
 * );
 * ```
 */
export function webhookHandler<T = unknown>(handler: WebhookRequestHandler<T>): RequestHandler {
  return (req, res, next) => {
    if (!req.webhook) {
      return next(
        new Error("webhookHandler() must run after verifyWebhook() from @hubsig/express."),
      );
    }
    // Returned, so that Express 5 routes a rejected promise to the error handler.
    return handler(req as WebhookRequest<T>, res, next);
  };
}
