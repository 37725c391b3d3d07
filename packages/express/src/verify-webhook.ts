import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { webhookPipeline } from "@hubsig/core/adapter";
import {
  failureBody,
  isClientAbort,
  verifyNodeRequest,
  type WebhookFailure,
} from "@hubsig/core/request";
import type { NextFunction, Request, RequestHandler, Response } from "express";

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
 * With `dedupe`, the rest of the route runs once per `X-Atlassian-Webhook-Identifier`: the
 * delivery counts as handled once the route answers (`res.end()`) with a status Jira does not
 * retry; a 5xx, 408, 409, 425 or 429 answer (Express answers 500 for a thrown error) releases
 * it for the retry. A client that hangs up does not release it: it stays claimed until the route
 * has answered, even to the closed socket, or its lease runs out, so that the retry that follows
 * a timeout is answered 409 instead of running the route a second time. `replay` also refuses
 * deliveries whose signed timestamp is outside its window and replays under a new identifier.
 * `secret` may be a function of the request (one secret per tenant); `diagnose: true` passes the
 * probable cause of a signature failure to `onFailure` as `failure.findings`.
 *
 * The type argument types `req.body` in the handlers after it; {@link webhookHandler} also types
 * `req.webhook`.
 *
 * A fixed secret is prepared here, once: a missing or empty one throws `TypeError` at start-up.
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
export function verifyWebhook<T = any>(
  options: WebhookOptions<Request>,
): RequestHandler<Request["params"], unknown, T> {
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });

  function refuse(req: Request, res: Response, failure: WebhookFailure): void {
    // The rest of an unread body would otherwise be parsed as the next request on this socket.
    if (failure.status === 413 || !req.readableEnded) res.set("Connection", "close");
    res.status(failure.status).type("json").send(failureBody(failure));
  }

  async function handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    const verified = await pipeline.verify(req, (verifier) =>
      verifyNodeRequest(req, verifier, options, {
        raw: (req as { rawBody?: unknown }).rawBody,
        parsed: req.body,
        fix: MOUNT_ORDER_FIX,
      }),
    );
    if (!verified.ok) return refuse(req, res, verified);
    req.webhook = verified.webhook;
    req.body = verified.webhook.payload;
    const ran = await pipeline.runUntilAnswered(req, verified, res, next);
    if (!ran.ok) refuse(req, res, ran);
    else if (ran.duplicate) res.status(ran.status).type("json").send(ran.body);
  }

  // Express 4 ignores a rejected promise, so this middleware's own errors (a throwing
  // onFailure or secret function, a stream set to text mode) are handed to next(err) here. The
  // promise is not returned, so that Express 5 does not call next a second time. A client that
  // hung up mid-body is nobody's error: there is no one left to answer.
  return (req, res, next) => {
    handle(req as Request, res, next).catch((error) => {
      if (!isClientAbort(error)) next(error);
    });
  };
}
