import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { failureResponse, verifyRequest } from "@hubsig/core/request";

/**
 * What an App Router webhook handler receives once the delivery is verified.
 *
 * @example
 * ```ts
 * const handler: WebhookRouteHandler<{ webhookEvent: string }> = (webhook) =>
 *   Response.json({ event: webhook.payload.webhookEvent });
 * ```
 */
export type WebhookRouteHandler<T = unknown> = (
  webhook: VerifiedWebhook<T>,
  request: Request,
) => Response | Promise<Response>;

/**
 * Wraps an App Router route handler (`app/.../route.ts`) so that it only runs for deliveries whose
 * `X-Hub-Signature` matches. Works under `export const runtime = "nodejs"` and `"edge"`: the body
 * is read once, as bytes, so the handler never meets "Body is unusable". Refused deliveries get
 * `{ "error": reason, "message": text }` with 401, 400, 413, 415 or 500. The verifier (and its
 * keys) is prepared once, when the route module loads.
 *
 * @example
 * ```ts
 * // app/webhooks/jira/route.ts
 * import { withVerifiedWebhook } from "@hubsig/next";
 *
 * export const runtime = "nodejs"; // or "edge"
 *
 * export const POST = withVerifiedWebhook(
 *   { secret: process.env.JIRA_WEBHOOK_SECRET! },
 *   async (webhook) => {
 *     console.log(webhook.payload, webhook.delivery.id);
 *     return new Response(null, { status: 204 });
 *   },
 * );
 * ```
 */
export function withVerifiedWebhook<T = unknown>(
  options: WebhookOptions<Request>,
  handler: WebhookRouteHandler<T>,
): (request: Request) => Promise<Response> {
  const verifier = createVerifier(options);
  return async (request) => {
    const outcome = await verifyRequest<T>(request, verifier, options);
    if (!outcome.ok) {
      options.onFailure?.(outcome, request);
      return failureResponse(outcome);
    }
    return handler(outcome.webhook, request);
  };
}
