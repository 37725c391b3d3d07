import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { requestVerifier } from "@hubsig/core/adapter";
import { duplicateResponse, resolveDedupe, runOnce } from "@hubsig/core/dedupe";
import { diagnose } from "@hubsig/core/diagnose";
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
 * `{ "error": reason, "message": text }` with 401, 400, 413, 415 or 500. A fixed secret's keys
 * are prepared once, when the route module loads; `secret` may also be a function of the
 * request (one secret per tenant), whose secrets are prepared once and reused.
 *
 * With `dedupe`, the handler runs once per `X-Atlassian-Webhook-Identifier`: a thrown error or a
 * `Response` with 5xx, 408, 409, 425 or 429 releases the delivery for Jira's retry; a retry of a
 * handled delivery gets 200 `{ "duplicate": true }`, one that arrives while the first attempt
 * runs gets 409. `diagnose: true` passes the probable cause of a signature failure to
 * `onFailure` as `failure.findings`, never in the response. The type argument types
 * `webhook.payload`.
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
  const verifierFor = requestVerifier(options, { createVerifier, diagnose });
  const dedupe = options.dedupe && resolveDedupe(options.dedupe);
  return async (request) => {
    const verifier = await verifierFor(request);
    const outcome = await verifyRequest<T>(request, verifier, options);
    if (!outcome.ok) {
      options.onFailure?.(verifier.report(outcome), request);
      return failureResponse(outcome);
    }
    const { webhook } = outcome;
    const ran = await runOnce(webhook.delivery, dedupe, () => handler(webhook, request));
    if (!ran.ok) {
      options.onFailure?.(ran, request);
      return failureResponse(ran);
    }
    return ran.duplicate ? duplicateResponse() : ran.result;
  };
}
