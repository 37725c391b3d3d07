/**
 * `Deno.serve` handlers that verify `X-Hub-Signature` webhooks (Jira Cloud, Bitbucket, GitHub,
 * WebSub) before your code runs.
 *
 * @example
 * ```ts
 * import { withVerifiedWebhook } from "@hubsig/deno";
 *
 * Deno.serve(
 *   withVerifiedWebhook({ secret: Deno.env.get("JIRA_WEBHOOK_SECRET")! }, (webhook) => {
 *     console.log(webhook.payload);
 *     return new Response(null, { status: 204 });
 *   }),
 * );
 * ```
 *
 * @module
 */
export { type WebhookHandler, withVerifiedWebhook } from "./src/with-verified-webhook.ts";
