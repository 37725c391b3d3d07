import type { Delivery, WebhookFailure } from "../request/webhook.ts";
import { claimAndRun, type Settlement } from "./claim.ts";
import type { DUPLICATE_BODY } from "./response.ts";
import { isRetriedStatus } from "./status.ts";
import type { DedupeOptions } from "./types.ts";

/**
 * What {@link runOnce} did: ran the handler (its result is in `result`), recognized a duplicate
 * (answer `status` 200 with `body`, the handler did not run), or refused with 409
 * `delivery_in_progress` or 503 `store_unavailable`, both retried by Jira.
 *
 * @example
 * ```ts
 * const outcome: RunOnceOutcome<Response> = await runOnce(webhook.delivery, dedupe, () => handler(webhook));
 * ```
 */
export type RunOnceOutcome<R> =
  | { ok: true; duplicate: false; result: R }
  | { ok: true; duplicate: true; status: 200; body: typeof DUPLICATE_BODY }
  | WebhookFailure;

/**
 * Runs `handler` for a verified delivery at most once per delivery id, with `dedupe.store` as
 * the shared memory. Call it only after the signature was verified.
 *
 * - No `dedupe`, or no delivery id: the handler just runs.
 * - `begin` says `"new"`: the handler runs under a lease of its own (a random token). If it
 *   succeeds the delivery is marked handled (`complete`). If it throws, or its result is one
 *   Jira retries (`isRetried`, by default a number or a `{ status }` such as a `Response` with
 *   408, 409, 425, 429 or 5xx), the lease is released (`abandon`), so that Jira's retry runs the
 *   handler again. Only this attempt's lease is ever released: once a lease runs out, the attempt
 *   that took over keeps the delivery.
 * - `"in_progress"`: 409 `delivery_in_progress`, without running the handler; Jira retries.
 * - `"done"`: a 200 `{ "duplicate": true }` answer, without running the handler.
 * - `begin` rejects (store unreachable): 503 `store_unavailable`; Jira retries, nothing is lost.
 * - `complete` and `abandon` are not waited for: the handler's answer goes out at once, even
 *   when the store stalls. When they reject they are reported to `onStoreError`; the lease then
 *   runs out by itself, so at worst a later retry runs the handler again.
 *
 * @example Fetch-standard handler (Next.js, Deno, Bun)
 * ```ts
 * import { duplicateResponse, runOnce } from "@hubsig/core/dedupe";
 * import { failureResponse } from "@hubsig/core/request";
 *
 * const outcome = await runOnce(webhook.delivery, dedupe, () => handler(webhook, request));
 * if (!outcome.ok) return failureResponse(outcome);
 * return outcome.duplicate ? duplicateResponse() : outcome.result;
 * ```
 *
 * @example Node middleware: the result is the status the route answered with
 * ```ts
 * import { answeredStatus } from "@hubsig/core/adapter";
 *
 * const outcome = await runOnce(req.webhook.delivery, dedupe, () => answeredStatus(res, next));
 * if (!outcome.ok) res.status(outcome.status).type("json").send(failureBody(outcome));
 * else if (outcome.duplicate) res.status(outcome.status).type("json").send(outcome.body);
 * ```
 */
export function runOnce<R>(
  delivery: Delivery,
  dedupe: DedupeOptions | undefined,
  handler: () => R | Promise<R>,
  isRetried: (result: R) => boolean = retriedResult,
): Promise<RunOnceOutcome<R>> {
  const keys = dedupe && delivery.id ? [{ id: delivery.id }] : [];
  return claimAndRun(
    keys,
    dedupe,
    handler,
    (result): Settlement => (isRetried(result) ? "abandon" : "complete"),
  );
}

/**
 * Whether a handler's result is one Jira retries: a status code, or anything with a numeric
 * `status` (a fetch `Response`, a Node response), that is 408, 409, 425, 429 or 5xx.
 *
 * @example
 * ```ts
 * retriedResult(new Response(null, { status: 503 })); // true
 * retriedResult(204); // false
 * ```
 */
export function retriedResult(result: unknown): boolean {
  const status =
    typeof result === "number" ? result : (result as { status?: unknown } | null)?.status;
  return typeof status === "number" && isRetriedStatus(status);
}
