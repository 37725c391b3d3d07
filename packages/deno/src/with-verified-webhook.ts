import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { failureResponse, verifyRequest } from "@hubsig/core/request";

/**
 * What a webhook handler receives once the delivery is verified: the webhook, the `Request`
 * and the `Deno.serve` connection info.
 *
 * @example
 * ```ts
 * const handler: WebhookHandler<{ webhookEvent: string }> = (webhook, _request, info) => {
 *   console.log(webhook.payload.webhookEvent, info.remoteAddr);
 *   return new Response(null, { status: 204 });
 * };
 * ```
 */
export type WebhookHandler<T = unknown> = (
  webhook: VerifiedWebhook<T>,
  request: Request,
  info: Deno.ServeHandlerInfo,
) => Response | Promise<Response>;

/**
 * Wraps a handler so that it only runs for deliveries whose `X-Hub-Signature` matches, and
 * returns a `Deno.serve` handler. The body is read once, at most `maxBodyBytes`, and verified
 * with WebCrypto keys imported once. Refused deliveries get `{ "error": reason, "message": text }`
 * with 401, 400, 413, 415 or 500.
 *
 * @example
 * ```ts
 * import { withVerifiedWebhook } from "@hubsig/deno";
 *
 * Deno.serve(
 *   withVerifiedWebhook({ secret: Deno.env.get("JIRA_WEBHOOK_SECRET")! }, (webhook) => {
 *     console.log(webhook.payload, webhook.delivery.id);
 *     return new Response(null, { status: 204 });
 *   }),
 * );
 * ```
 */
export function withVerifiedWebhook<T = unknown>(
  options: WebhookOptions<Request>,
  handler: WebhookHandler<T>,
): (request: Request, info: Deno.ServeHandlerInfo) => Promise<Response> {
  const verifier = createVerifier(options);
  return async (request, info) => {
    const outcome = await verifyRequest<T>(request, verifier, options);
    if (!outcome.ok) {
      options.onFailure?.(outcome, request);
      return failureResponse(outcome);
    }
    return handler(outcome.webhook, request, info);
  };
}
