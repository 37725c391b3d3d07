import { createVerifier, type VerifiedWebhook, type WebhookOptions } from "@hubsig/core";
import { webhookPipeline } from "@hubsig/core/adapter";
import { duplicateResponse } from "@hubsig/core/dedupe";
import {
  failureResponse,
  isClientAbort,
  verifyRequest,
  type WebhookOutcome,
} from "@hubsig/core/request";

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
 * `{ "duplicate": true }`, one still running 409; the answer never waits on the store after the
 * handler. `replay` also refuses deliveries whose signed timestamp is outside its window.
 * `diagnose: true` passes the probable cause of a signature failure to `onFailure` as
 * `failure.findings`, never in the response; the diagnosis code is loaded only then. The type
 * argument types `webhook.payload`, `undefined` for a Jira webhook set to "Exclude body".
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
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });
  return async (request, info) => {
    let verified: WebhookOutcome<T>;
    try {
      verified = await pipeline.verify(request, (verifier) =>
        verifyRequest<T>(request, verifier, options),
      );
    } catch (error) {
      // The client went away mid-body: nobody reads this answer, and it is no server error.
      if (isClientAbort(error)) return new Response(null, { status: 499 });
      throw error;
    }
    if (!verified.ok) return failureResponse(verified);
    const ran = await pipeline.run(request, verified, () =>
      handler(verified.webhook, request, info),
    );
    if (!ran.ok) return failureResponse(ran);
    return ran.duplicate ? duplicateResponse() : ran.result;
  };
}
