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
 * runs gets 409. The answer never waits on the delivery store after the handler. `replay` also
 * refuses deliveries whose signed timestamp is outside its window. `diagnose: true` passes the
 * probable cause of a signature failure to `onFailure` as `failure.findings`, never in the
 * response; the diagnosis code is loaded only then. The type argument types `webhook.payload`,
 * which is `undefined` for a Jira webhook set to "Exclude body".
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
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });
  return async (request) => {
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
    const ran = await pipeline.run(request, verified, () => handler(verified.webhook, request));
    if (!ran.ok) return failureResponse(ran);
    return ran.duplicate ? duplicateResponse() : ran.result;
  };
}
