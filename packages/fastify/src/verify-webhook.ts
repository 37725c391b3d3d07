import { createVerifier } from "@hubsig/core";
import { type WebhookPipeline, webhookPipeline } from "@hubsig/core/adapter";
import {
  DEFAULT_MAX_BODY_BYTES,
  failureBody,
  isClientAbort,
  refuseEncoding,
  tooLarge,
  verifyDelivery,
  type WebhookFailure,
  webhookFailure,
} from "@hubsig/core/request";
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { answerTooLargeAsShared } from "./body-too-large.js";
import {
  installRawBodyParser,
  rawBodyOf,
  restoreContentType,
  setContentTypeAside,
} from "./raw-body.js";
import type { FastifyWebhookOptions } from "./types.js";

/**
 * The sentence a 500 `body_unavailable` answer ends with: how to give the plugin the raw bytes.
 *
 * @example
 * ```ts
 * expect(body.message).toContain(PARSER_CONFLICT_FIX);
 * ```
 */
export const PARSER_CONFLICT_FIX =
  "Do not add a content-type parser in the context verifyWebhook is registered in: it reads every body there as raw bytes. Give the webhook routes a context of their own (fastify.register(async (scope) => { await scope.register(verifyWebhook, options); scope.post(...) })) and add other parsers outside it.";

type Header = (name: string) => string | undefined;

const headerOf =
  (request: FastifyRequest): Header =>
  (name) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };

function refuse(reply: FastifyReply, failure: WebhookFailure, bodyUnread: boolean): void {
  // An unread body would otherwise be parsed as the next request on this socket.
  if (bodyUnread || failure.status === 413) reply.header("connection", "close");
  reply
    .code(failure.status)
    .header("content-type", "application/json; charset=utf-8")
    .send(failureBody(failure));
}

const plugin: FastifyPluginCallback<FastifyWebhookOptions> = (instance, options, done) => {
  if (instance.hasRequestDecorator("webhook")) {
    return done(
      new Error(
        "hubsig: verifyWebhook is already registered in this context or a parent of it; register it once, in the context of the webhook routes.",
      ),
    );
  }
  let pipeline: WebhookPipeline<FastifyRequest>;
  try {
    pipeline = webhookPipeline(options, {
      createVerifier,
      loadDiagnose: () => import("@hubsig/core/diagnose"),
    });
  } catch (error) {
    // Bad options: register() (and so ready() and listen()) rejects with this TypeError.
    return done(error as Error);
  }
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Refusals decided before the body is read go through the pipeline too, for onFailure.
  const report = (request: FastifyRequest, failure: WebhookFailure) =>
    pipeline.verify(request, async () => failure);

  instance.decorateRequest("webhook", undefined);
  installRawBodyParser(instance, maxBytes);
  answerTooLargeAsShared(instance, maxBytes, report);

  // Before the body is read: a compressed body or a declared length over the limit is refused
  // without reading a byte of it. Everything else passes on at once, synchronously.
  instance.addHook("preParsing", (request, reply, payload, next) => {
    if (request.is404) return next(null, payload); // Fastify's 404 answer, not a webhook route
    const headers = request.raw.headers;
    const failure =
      refuseEncoding(headers["content-encoding"]) ??
      (Number(headers["content-length"]) > maxBytes ? tooLarge(maxBytes) : undefined);
    if (!failure) {
      setContentTypeAside(request);
      return next(null, payload);
    }
    report(request, failure).then(
      () => refuse(reply, failure, true),
      (error: unknown) => next(error as Error),
    );
  });

  // preValidation, not preHandler: the route's body schema (if any) must validate the verified
  // payload, not the raw bytes, and a forged delivery should never reach validation at all.
  // Callback style: with dedupe, `next` is what runs the route, and the delivery is settled only
  // once the route has answered.
  instance.addHook("preValidation", (request, reply, next) => {
    if (request.is404) return next(); // Fastify's 404 answer, not a webhook route
    restoreContentType(request);
    let started = false;
    const start = () => {
      started = true;
      next();
    };
    handle(request, reply, start).catch((error: unknown) => {
      if (isClientAbort(error)) return; // nobody is left to answer
      if (!started) return next(error as Error);
      // The route already ran (and answered): there is nobody to hand this to but the log.
      request.log.error({ err: error }, "hubsig: settling the delivery failed");
    });
  });

  async function handle(request: FastifyRequest, reply: FastifyReply, start: () => void) {
    const header = headerOf(request);
    // Content-Encoding and a declared length over the limit were refused before parsing.
    const verified = await pipeline.verify(request, (verifier) => {
      const raw = rawBodyOf(request);
      if (raw === undefined) return Promise.resolve(bodyUnavailable());
      // A route's own bodyLimit may be larger than maxBodyBytes: the limit still holds.
      if (raw.byteLength > maxBytes) return Promise.resolve(tooLarge(maxBytes));
      return verifyDelivery(raw, header, verifier, options);
    });
    if (!verified.ok) return refuse(reply, verified, false);
    request.webhook = verified.webhook;
    request.body = verified.webhook.payload;
    // Without dedupe there is nothing to settle, so the answer need not be watched.
    if (!options.dedupe) return start();
    const ran = await pipeline.runUntilAnswered(request, verified, reply.raw, start);
    if (!ran.ok) refuse(reply, ran, false);
    else if (ran.duplicate) {
      reply.code(ran.status).header("content-type", "application/json; charset=utf-8");
      reply.send(ran.body);
    }
  }

  done();
};

function bodyUnavailable(): WebhookFailure {
  return webhookFailure(
    "body_unavailable",
    `The raw request body is not available: another content-type parser parsed it first, and a parsed body cannot be verified. ${PARSER_CONFLICT_FIX}`,
  );
}

/**
 * A Fastify 4 and 5 plugin that verifies signed webhook deliveries (`X-Hub-Signature:
 * method=hex`) over the exact bytes received, on every route of the context it is registered
 * in. Register it inside the context of the webhook routes; routes outside that context keep
 * Fastify's own parsers and are not verified. Routes in it get `request.webhook` and the parsed
 * JSON as `request.body`; a refused delivery is answered `{ "error", "message" }` with the
 * status of the failure, and the route never runs.
 *
 * In its context, every body (any content type, or none) is read as raw bytes by a
 * content-type parser limited to `maxBodyBytes`: 413 `body_too_large` past it, without reading
 * the rest; a `Content-Encoding` other than identity is refused with 415 before the body is
 * read. An empty body (Jira's "Exclude body") is verified over zero bytes and has no payload.
 * Verification runs in a `preValidation` hook, so a body schema validates the verified payload.
 *
 * With `dedupe`, the route runs once per `X-Atlassian-Webhook-Identifier`: the delivery counts
 * as handled once the route has answered (`reply.send`, or the value an async handler returns)
 * with a status Jira does not retry; a 5xx, 408, 409, 425 or 429 answer (Fastify answers 500
 * for a thrown error) releases it for the retry. A client that hangs up does not release it: it
 * stays claimed until the route has answered, or its lease runs out. `replay` also refuses
 * deliveries whose signed timestamp is outside its window. `secret` may be a function of the
 * request (one secret per tenant); `diagnose: true` passes the probable cause of a signature
 * failure to `onFailure` as `failure.findings`.
 *
 * Bad options (a missing or empty secret, an unknown algorithm) make `register` fail with a
 * `TypeError` at start-up. Registering it twice on one route's path fails too.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { verifyWebhook } from "@hubsig/fastify";
 *
 * const app = Fastify();
 * app.register(async (webhooks) => {
 *   await webhooks.register(verifyWebhook, { secret: process.env.JIRA_WEBHOOK_SECRET! });
 *   webhooks.post("/webhooks/jira", async (request, reply) => {
 *     console.log(request.webhook?.payload, request.webhook?.delivery.id);
 *     return reply.code(204).send();
 *   });
 * });
 * app.post("/api/things", async (request) => request.body); // Fastify's JSON parser, as usual
 * await app.listen({ port: 3000 });
 * ```
 */
export const verifyWebhook = fp(plugin, {
  fastify: "4.x || 5.x",
  name: "@hubsig/fastify",
});
