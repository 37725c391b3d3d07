import type { VerifiedWebhook } from "@hubsig/core";

/**
 * What `verifyWebhook()` sets on the context: `c.get("webhook")` in the handlers after it.
 * Give it to your app (`new Hono<{ Variables: WebhookVariables }>()`) when the middleware is
 * mounted with `app.use()`; on the route itself Hono infers it.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 * import { verifyWebhook, type WebhookVariables } from "@hubsig/hono";
 *
 * const app = new Hono<{ Variables: WebhookVariables<JiraWebhookEvent> }>();
 * app.use("/webhooks/*", verifyWebhook({ secret: process.env.JIRA_WEBHOOK_SECRET! }));
 * app.post("/webhooks/jira", (c) => c.text(c.get("webhook").payload?.webhookEvent ?? "no body"));
 * ```
 */
export interface WebhookVariables<T = unknown> {
  /** The verified delivery: payload, raw bytes, method, which secret matched, Jira's headers. */
  webhook: VerifiedWebhook<T>;
}

/**
 * The Hono `Env` that `verifyWebhook()` adds to the handlers after it.
 *
 * @example
 * ```ts
 * import { createFactory } from "hono/factory";
 *
 * const factory = createFactory<WebhookEnv<{ webhookEvent: string }>>();
 * const handler = factory.createHandlers((c) => c.text(c.get("webhook").payload?.webhookEvent ?? ""));
 * ```
 */
export interface WebhookEnv<T = unknown> {
  Variables: WebhookVariables<T>;
}
