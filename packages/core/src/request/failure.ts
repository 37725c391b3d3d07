import type { WebhookFailure, WebhookFailureReason } from "./webhook.ts";

/**
 * 4xx for what the sender did wrong, so forged traffic is not retried; 500 for misconfiguration.
 * Deduplication answers only with statuses Jira retries: 409 while another attempt runs, 503 when
 * the delivery store cannot be reached.
 */
const STATUS: Readonly<Record<WebhookFailureReason, number>> = {
  missing_signature: 401,
  signature_mismatch: 401,
  malformed_signature: 400,
  unsupported_algorithm: 400,
  invalid_json: 400,
  stale_delivery: 400,
  body_too_large: 413,
  unsupported_encoding: 415,
  body_unavailable: 500,
  delivery_in_progress: 409,
  store_unavailable: 503,
};

/**
 * Builds a {@link WebhookFailure} with the status that docs/ARCHITECTURE.md assigns to `reason`.
 *
 * @example
 * ```ts
 * const failure = webhookFailure("body_too_large", "The body is larger than 1048576 bytes.");
 * failure.status; // 413
 * ```
 */
export function webhookFailure(reason: WebhookFailureReason, message: string): WebhookFailure {
  return { ok: false, status: STATUS[reason], reason, message };
}

/**
 * The JSON body every adapter answers a refused delivery with: `{ "error": reason, "message": text }`.
 *
 * @example
 * ```ts
 * res.status(failure.status).type("json").send(failureBody(failure));
 * ```
 */
export function failureBody(failure: WebhookFailure): string {
  return JSON.stringify({ error: failure.reason, message: failure.message });
}

/**
 * A fetch `Response` for a refused delivery, for fetch-standard servers.
 *
 * @example
 * ```ts
 * const outcome = await verifyRequest(request, verifier);
 * if (!outcome.ok) return failureResponse(outcome);
 * ```
 */
export function failureResponse(failure: WebhookFailure): Response {
  return new Response(failureBody(failure), {
    status: failure.status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
