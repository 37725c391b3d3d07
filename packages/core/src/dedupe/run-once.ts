import { webhookFailure } from "../request/failure.js";
import type { Delivery, WebhookFailure } from "../request/webhook.js";
import { resolveDedupe } from "./options.js";
import { DUPLICATE_BODY } from "./response.js";
import { isRetriedStatus } from "./status.js";
import type { DedupeOptions, DedupeStep } from "./types.js";

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
 * - `begin` says `"new"`: the handler runs. If it succeeds the delivery is marked handled
 *   (`complete`). If it throws, or its result is one Jira retries (`isRetried`, by default a
 *   number or a `{ status }` such as a `Response` with 408, 409, 425, 429 or 5xx), the lease is
 *   released (`abandon`), then the error is rethrown or the result returned, so that Jira's
 *   retry runs the handler again.
 * - `"in_progress"`: 409 `delivery_in_progress`, without running the handler; Jira retries.
 * - `"done"`: a 200 `{ "duplicate": true }` answer, without running the handler.
 * - `begin` rejects (store unreachable): 503 `store_unavailable`; Jira retries, nothing is lost.
 * - `complete` or `abandon` rejects: reported to `onStoreError` and otherwise ignored. The
 *   handler's answer stands: failing a delivery whose work is done would only make Jira retry
 *   it. The lease then runs out by itself, so at worst a later retry runs the handler again.
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
 * const outcome = await runOnce(req.webhook.delivery, dedupe, () => statusOnceAnswered(res, next));
 * if (!outcome.ok) res.status(outcome.status).type("json").send(failureBody(outcome));
 * else if (outcome.duplicate) res.status(outcome.status).type("json").send(outcome.body);
 * ```
 */
export async function runOnce<R>(
  delivery: Delivery,
  dedupe: DedupeOptions | undefined,
  handler: () => R | Promise<R>,
  isRetried: (result: R) => boolean = retriedResult,
): Promise<RunOnceOutcome<R>> {
  const id = delivery.id;
  if (!dedupe || !id) return { ok: true, duplicate: false, result: await handler() };
  const { store, leaseMs, ttlMs, onStoreError } = resolveDedupe(dedupe);

  // Logging must not turn a handled delivery into a failed one.
  const report = (error: unknown, step: DedupeStep) => {
    try {
      onStoreError?.(error, step, id);
    } catch {}
  };
  const settle = async (step: DedupeStep, call: () => Promise<void>) => {
    try {
      await call();
    } catch (error) {
      report(error, step);
    }
  };

  let state: string;
  try {
    state = await store.begin(id, leaseMs);
  } catch (error) {
    report(error, "begin");
    return webhookFailure(
      "store_unavailable",
      "The delivery store could not be reached, so this delivery was not run. Retry later.",
    );
  }
  if (state === "done") return { ok: true, duplicate: true, status: 200, body: DUPLICATE_BODY };
  if (state !== "new") {
    return webhookFailure(
      "delivery_in_progress",
      "Another attempt at this delivery is still running. Retry later.",
    );
  }

  let result: R;
  try {
    result = await handler();
  } catch (error) {
    await settle("abandon", () => store.abandon(id));
    throw error;
  }
  if (isRetried(result)) await settle("abandon", () => store.abandon(id));
  else await settle("complete", () => store.complete(id, ttlMs));
  return { ok: true, duplicate: false, result };
}

// A status code, or anything with a numeric `status` (a fetch Response, a Node response).
function retriedResult(result: unknown): boolean {
  const status =
    typeof result === "number" ? result : (result as { status?: unknown } | null)?.status;
  return typeof status === "number" && isRetriedStatus(status);
}
