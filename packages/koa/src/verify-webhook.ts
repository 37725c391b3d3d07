import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { webhookPipeline } from "@hubsig/core/adapter";
import {
  failureBody,
  isClientAbort,
  verifyNodeRequest,
  type WebhookFailure,
} from "@hubsig/core/request";
import type { Context, Middleware } from "koa";

/**
 * What `verifyWebhook()` adds to `ctx.state`: give it to your router or app to type the handler.
 *
 * @example
 * ```ts
 * import Router from "@koa/router";
 *
 * const router = new Router<WebhookState<{ webhookEvent: string }>>();
 * router.post("/webhooks/jira", verifyWebhook({ secret }), (ctx) => {
 *   console.log(ctx.state.webhook.payload.webhookEvent);
 * });
 * ```
 */
export interface WebhookState<T = unknown> {
  webhook: VerifiedWebhook<T>;
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
  "Mount verifyWebhook() before the body parser, or let the parser keep the raw body: koa-bodyparser and @koa/bodyparser keep ctx.request.rawBody, koa-body does with includeUnparsed: true.";

// Body parsers add these to ctx.request; declared here rather than merged into Koa's types,
// where each parser declares them differently.
interface BodySlots {
  body?: unknown;
  rawBody?: unknown;
}

// Where koa-body before 7 keeps the raw text when `includeUnparsed` is set (8 sets rawBody).
const UNPARSED = Symbol.for("unparsedBody");

/**
 * Koa 2 and 3 middleware that verifies a signed webhook delivery (`X-Hub-Signature:
 * method=hex`) over the exact bytes received. On success downstream middleware sees
 * `ctx.state.webhook` and the parsed JSON as `ctx.request.body`; otherwise it answers
 * `{ "error", "message" }` with the status of the failure and does not call `next`.
 *
 * The raw bytes come from, in order: `ctx.request.rawBody` (kept by koa-bodyparser,
 * @koa/bodyparser, and koa-body with `includeUnparsed: true`), the unparsed body that older
 * koa-body versions keep under `Symbol.for("unparsedBody")`, or `ctx.req`, read at
 * most `maxBodyBytes`. A body parsed without its raw text cannot be verified and answers 500
 * `body_unavailable` at once.
 *
 * With `dedupe`, downstream middleware runs once per `X-Atlassian-Webhook-Identifier`: after
 * `await next()`, `ctx.status` 5xx, 408, 409, 425 or 429, or a thrown error (rethrown to Koa,
 * which answers 500), releases the delivery for Jira's retry; any other status marks it handled.
 * Store calls after the handler are not waited for, so a stalled store never holds back the
 * answer. `replay` also refuses deliveries whose signed timestamp is outside its window.
 * `secret` may be a function of the context (one secret per tenant); `diagnose: true` passes
 * the probable cause of a signature failure to `onFailure` as `failure.findings`.
 *
 * A fixed secret is prepared here, once: a missing or empty one throws `TypeError` at start-up.
 *
 * @example
 * ```ts
 * import Koa from "koa";
 * import Router from "@koa/router";
 * import { verifyWebhook } from "@hubsig/koa";
 *
 * const router = new Router();
 * router.post("/webhooks/jira", verifyWebhook({ secret: process.env.JIRA_WEBHOOK_SECRET! }), (ctx) => {
 *   console.log(ctx.request.body, ctx.state.webhook.delivery.id);
 *   ctx.status = 204;
 * });
 * new Koa().use(router.routes()).listen(3000);
 * ```
 */
export function verifyWebhook<T = unknown>(
  options: WebhookOptions<Context>,
): Middleware<WebhookState<T>> {
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });

  const refuse = (ctx: Context, failure: WebhookFailure) => {
    // The rest of an unread body would otherwise be parsed as the next request on this socket.
    if (failure.status === 413 || !ctx.req.readableEnded) ctx.set("Connection", "close");
    ctx.status = failure.status;
    ctx.type = "application/json";
    ctx.body = failureBody(failure);
  };

  return async (ctx, next) => {
    const context = ctx as unknown as Context;
    const request = ctx.request as unknown as BodySlots;
    let verified: Awaited<ReturnType<typeof pipeline.verify<T>>>;
    try {
      verified = await pipeline.verify(context, (verifier) =>
        verifyNodeRequest<T>(ctx.req, verifier, options, {
          raw: request.rawBody ?? unparsedBody(request.body),
          parsed: request.body,
          fix: MOUNT_ORDER_FIX,
        }),
      );
    } catch (error) {
      // A client that hung up mid-body is nobody's error: there is no one left to answer.
      if (isClientAbort(error)) return;
      throw error;
    }
    if (!verified.ok) return refuse(context, verified);
    ctx.state.webhook = verified.webhook;
    request.body = verified.webhook.payload;
    const ran = await pipeline.run(context, verified, async () => {
      await next();
      return ctx.status;
    });
    if (!ran.ok) refuse(context, ran);
    else if (ran.duplicate) {
      ctx.status = ran.status;
      ctx.type = "application/json";
      ctx.body = ran.body;
    }
  };
}

function unparsedBody(body: unknown): unknown {
  return typeof body === "object" && body !== null
    ? (body as Record<symbol, unknown>)[UNPARSED]
    : undefined;
}
