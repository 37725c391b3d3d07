import { createVerifier, type WebhookOptions } from "@hubsig/core";
import { webhookPipeline } from "@hubsig/core/adapter";
import { duplicateResponse } from "@hubsig/core/dedupe";
import {
  failureResponse,
  isClientAbort,
  refuseEncoding,
  verifyRequest,
  type WebhookOutcome,
} from "@hubsig/core/request";
import type { Context, Env, MiddlewareHandler } from "hono";
import { bodyAlreadyRead, keepBody } from "./body-cache.ts";
import type { WebhookEnv } from "./webhook-env.ts";

/**
 * Hono 4 middleware that verifies a signed webhook delivery (`X-Hub-Signature: method=hex`) over
 * the exact bytes received, on every runtime Hono runs on (Node through `@hono/node-server`,
 * Bun, Deno, Cloudflare Workers). On success the handlers after it get the delivery from
 * `c.get("webhook")`, and Hono's own `c.req.json()`, `c.req.text()` and `c.req.arrayBuffer()`
 * still work: they return the payload, the exact text and the exact bytes. Otherwise it answers
 * `{ "error", "message" }` with the status of the failure and the handler never runs.
 *
 * The body is read once, from `c.req.raw`, at most `maxBodyBytes`, and left in Hono's body cache
 * as bytes, so validators mounted after it (`validator("json", ...)`) read the verified body.
 * When something before it already read the body, it answers 500 `body_unavailable` and names
 * the fix: it never verifies a body rebuilt from what Hono cached.
 *
 * With `dedupe`, the rest of the route runs once per `X-Atlassian-Webhook-Identifier`: the
 * delivery counts as handled once the handler answers with a status Jira does not retry; a 5xx,
 * 408, 409, 425 or 429 answer (Hono answers 500 for a thrown error) releases it for the retry. A
 * sender that hangs up mid-route does not release it: it stays claimed until the handler
 * answered. On Workers the store calls that settle a delivery after the answer are handed to
 * `c.executionCtx.waitUntil`, so that they are not dropped. `replay` also refuses deliveries whose signed timestamp is outside its window.
 * `secret` may be a function of the context (`(c) => c.env.JIRA_WEBHOOK_SECRET` on Workers, one
 * secret per tenant); `diagnose: true` passes the probable cause of a signature failure to
 * `onFailure` as `failure.findings`. A client that hangs up mid-body gets a quiet 499, never an
 * error.
 *
 * `T` types the payload; `E` is your app's `Env`, so that a secret function sees `c.env` typed.
 * A fixed secret is prepared here, once: a missing or empty one throws `TypeError` at start-up.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { verifyWebhook } from "@hubsig/hono";
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 *
 * const app = new Hono();
 * app.post(
 *   "/webhooks/jira",
 *   verifyWebhook<JiraWebhookEvent>({ secret: process.env.JIRA_WEBHOOK_SECRET! }),
 *   async (c) => {
 *     const { payload, delivery } = c.get("webhook");
 *     console.log(payload?.webhookEvent, delivery.id, await c.req.text());
 *     return c.body(null, 204);
 *   },
 * );
 * ```
 */
export function verifyWebhook<T = unknown, E extends Env = Env>(
  options: WebhookOptions<Context<E>>,
): MiddlewareHandler<E & WebhookEnv<T>> {
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });

  // Refusals keep the pipeline's order: a compressed body is refused before its bytes matter.
  const read = (c: Context<E>, verifier: Parameters<typeof verifyRequest>[1]) =>
    Promise.resolve(
      refuseEncoding(c.req.header("content-encoding")) ??
        bodyAlreadyRead(c.req) ??
        verifyRequest<T>(c.req.raw, verifier, options),
    );

  return async (c, next) => {
    const context = c as unknown as Context<E>;
    let verified: WebhookOutcome<T>;
    try {
      verified = await pipeline.verify(context, (verifier) => read(context, verifier));
    } catch (error) {
      // The client went away mid-body: nobody reads this answer, and it is no server error.
      if (isClientAbort(error)) return new Response(null, { status: 499 });
      throw error;
    }
    if (!verified.ok) return failureResponse(verified);
    keepBody(c.req, verified.webhook.rawBody);
    c.set("webhook", verified.webhook);
    const ran = await pipeline.run(
      context,
      verified,
      async () => {
        await next();
        return c.res;
      },
      undefined,
      options.dedupe && waitUntilOf(c),
    );
    if (!ran.ok) return failureResponse(ran);
    return ran.duplicate ? duplicateResponse() : undefined;
  };
}

// On Workers the store calls that settle a delivery finish after the answer, and work not
// handed to ctx.waitUntil is dropped once the answer is sent. Hono's getter throws where the
// runtime gives no execution context (Node, Bun, Deno), which need none.
function waitUntilOf(c: Context): ((task: Promise<unknown>) => void) | undefined {
  let ctx: { waitUntil(task: Promise<unknown>): void };
  try {
    ctx = c.executionCtx;
  } catch {
    return undefined;
  }
  return (task) => ctx.waitUntil(task);
}
