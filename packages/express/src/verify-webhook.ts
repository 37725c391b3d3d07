import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { failureBody, verifyNodeRequest } from "@hubsig/core/request";
import type { Request, RequestHandler, Response } from "express";

declare global {
  namespace Express {
    interface Request {
      /** The verified delivery, set by `verifyWebhook()` from `@hubsig/express`. */
      webhook?: VerifiedWebhook;
    }
  }
}

/**
 * The sentence a 500 `body_unavailable` answer ends with: how to give the middleware the raw bytes.
 *
 * @example
 * ```ts
 * expect(body.message).toContain(MOUNT_ORDER_FIX);
 * ```
 */
export const MOUNT_ORDER_FIX =
  'Mount verifyWebhook() before express.json() (or any body parser that reads this route), or put express.raw({ type: "application/json" }) in front of it.';

/**
 * Express 4 and 5 middleware that verifies a signed webhook delivery (`X-Hub-Signature:
 * method=hex`) over the exact bytes received. On success the route sees `req.webhook` and the
 * parsed JSON as `req.body`; otherwise it answers `{ "error", "message" }` with the status of the
 * failure and the route never runs.
 *
 * The raw bytes come from, in order: `req.rawBody` kept by an earlier layer (hosts such as Google
 * Cloud Functions, or `express.json({ verify })`), a Buffer that `express.raw()` left on
 * `req.body`, or the request stream, read at most `maxBodyBytes`. A body already parsed by
 * `express.json()` cannot be verified and answers 500 `body_unavailable` at once.
 *
 * The verifier is prepared here, once: a missing or empty secret throws `TypeError` at start-up.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { verifyWebhook } from "@hubsig/express";
 *
 * const app = express();
 * app.post(
 *   "/webhooks/jira",
 *   verifyWebhook({ secret: process.env.JIRA_WEBHOOK_SECRET! }),
 *   (req, res) => {
 *     console.log(req.body.webhookEvent, req.webhook?.delivery.id);
 *     res.sendStatus(204);
 *   },
 * );
 * app.use(express.json()); // other routes may parse JSON after it
 * ```
 */
export function verifyWebhook(options: WebhookOptions<Request>): RequestHandler {
  const verifier = createVerifier(options);

  async function verified(req: Request, res: Response): Promise<boolean> {
    const outcome = await verifyNodeRequest(req, verifier, options, {
      raw: (req as { rawBody?: unknown }).rawBody,
      parsed: req.body,
      fix: MOUNT_ORDER_FIX,
    });
    if (outcome.ok) {
      req.webhook = outcome.webhook;
      req.body = outcome.webhook.payload;
      return true;
    }
    options.onFailure?.(outcome, req);
    // The rest of an unread body would otherwise be parsed as the next request on this socket.
    if (outcome.status === 413 || !req.readableEnded) res.set("Connection", "close");
    res.status(outcome.status).type("json").send(failureBody(outcome));
    return false;
  }

  // Express 4 ignores a rejected promise, so this middleware's own errors (a throwing
  // onFailure, a stream set to text mode) are handed to next(err) here. The promise is not
  // returned, so that Express 5 does not call next a second time.
  return (req, res, next) => {
    verified(req, res).then((ok) => {
      if (ok) next();
    }, next);
  };
}
