import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { requestVerifier } from "@hubsig/core/adapter";
import { duplicateResponse, resolveDedupe, runOnce } from "@hubsig/core/dedupe";
import { diagnose } from "@hubsig/core/diagnose";
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
 * with keys prepared once (Deno runs the core's `node:crypto` engine). Refused deliveries get `{ "error": reason, "message": text }`
 * with 401, 400, 413, 415 or 500.
 *
 * `secret` may be a function of the request (one secret per tenant); the keys for the secrets
 * it returns are prepared once and reused. With `dedupe`, the handler runs once per
 * `X-Atlassian-Webhook-Identifier`: a thrown error or a `Response` with 5xx, 408, 409, 425 or
 * 429 releases the delivery for Jira's retry; a handled one is answered 200
 * `{ "duplicate": true }`, one still running 409. `diagnose: true` passes the probable cause of
 * a signature failure to `onFailure` as `failure.findings`, never in the response. The type
 * argument types `webhook.payload`.
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
  const verifierFor = requestVerifier(options, { createVerifier, diagnose });
  const dedupe = options.dedupe && resolveDedupe(options.dedupe);
  return async (request, info) => {
    const verifier = await verifierFor(request);
    const outcome = await verifyRequest<T>(request, verifier, options);
    if (!outcome.ok) {
      options.onFailure?.(verifier.report(outcome), request);
      return failureResponse(outcome);
    }
    const { webhook } = outcome;
    const ran = await runOnce(webhook.delivery, dedupe, () => handler(webhook, request, info));
    if (!ran.ok) {
      options.onFailure?.(ran, request);
      return failureResponse(ran);
    }
    return ran.duplicate ? duplicateResponse() : ran.result;
  };
}
