import { failureBody, tooLarge, type WebhookFailure } from "@hubsig/core/request";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { restoreContentType } from "./raw-body.js";

// Requests refused this way, and the refusal to answer: errors are rare, so no request slot.
const refusals = new WeakMap<object, WebhookFailure>();

// The code of the error Fastify's body reader raises past a parser's bodyLimit.
const FASTIFY_BODY_TOO_LARGE = "FST_ERR_CTP_BODY_TOO_LARGE";

/**
 * A body that passes the limit while it streams in (no Content-Length, or a route's own larger
 * `bodyLimit`) is stopped by Fastify's body reader, which stops listening to the rest and hands
 * `FST_ERR_CTP_BODY_TOO_LARGE` to the error handler of the context: that answers in Fastify's
 * `{ statusCode, code, error, message }` shape, and the error handler is the user's to set. So
 * the error is only noted here (`onError`, reported through `report` like every refusal), and
 * whatever the error handler sends is replaced by the shared 413 on its way out (`onSend`),
 * with `Connection: close` so that Node drops the unread rest instead of reading it on.
 */
export function answerTooLargeAsShared(
  instance: FastifyInstance,
  maxBytes: number,
  report: (request: FastifyRequest, failure: WebhookFailure) => Promise<unknown>,
): void {
  instance.addHook("onError", async (request, _reply, error) => {
    if ((error as { code?: unknown }).code !== FASTIFY_BODY_TOO_LARGE) return;
    const failure = tooLarge(maxBytes);
    refusals.set(request, failure);
    restoreContentType(request);
    // A failing secret function or onFailure must not change the answer to a body too large.
    await report(request, failure).catch((reportError: unknown) => {
      request.log.error({ err: reportError }, "hubsig: reporting a body over the limit failed");
    });
  });

  instance.addHook("onSend", (request, reply, payload, done) => {
    const failure = refusals.get(request);
    if (failure === undefined) return done(null, payload);
    reply
      .code(failure.status)
      .header("content-type", "application/json; charset=utf-8")
      .header("connection", "close");
    done(null, failureBody(failure));
  });
}
