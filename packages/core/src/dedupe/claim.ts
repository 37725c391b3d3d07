import { webhookFailure } from "../request/failure.ts";
import { resolveDedupe } from "./options.ts";
import { DUPLICATE_BODY } from "./response.ts";
import type { RunOnceOutcome } from "./run-once.ts";
import type { DedupeOptions, DedupeStep, DeliveryState } from "./types.ts";

/**
 * What the store is told once a handler finished: handled (`complete`), released for the retry
 * (`abandon`), or left alone for the lease to run out (`keep`: nobody knows how it ended).
 */
export type Settlement = "complete" | "abandon" | "keep";

/** One store key an attempt claims, remembered for `ttlMs` (default `dedupe.ttlMs`) once handled. */
export interface ClaimKey {
  id: string;
  ttlMs?: number;
}

/**
 * Claims every key under one fresh lease, runs `handler` only when all of them were new, then
 * settles them as `settle` says. A key already handled makes the attempt a duplicate, one held
 * by another attempt a 409, an unreachable store a 503; keys claimed on the way are released.
 * Completing and releasing are not waited for, so a stalled store never holds back the answer;
 * each of those calls is handed to `waitUntil` (a Worker's `ctx.waitUntil`), where the runtime
 * drops unfinished work once the answer is sent.
 */
export async function claimAndRun<R>(
  keys: readonly ClaimKey[],
  dedupe: DedupeOptions | undefined,
  handler: () => R | Promise<R>,
  settle: (result: R) => Settlement,
  waitUntil?: (task: Promise<unknown>) => void,
): Promise<RunOnceOutcome<R>> {
  if (!dedupe || keys.length === 0) return { ok: true, duplicate: false, result: await handler() };
  const { store, leaseMs, ttlMs, onStoreError } = resolveDedupe(dedupe);
  const lease = newLease();

  // Logging must not turn a handled delivery into a failed one.
  const report = (error: unknown, step: DedupeStep, id: string) => {
    try {
      onStoreError?.(error, step, id);
    } catch {}
  };
  const release = (step: DedupeStep, claimed: readonly ClaimKey[]) => {
    for (const key of claimed) {
      const call =
        step === "complete"
          ? () => store.complete(key.id, key.ttlMs ?? ttlMs, lease)
          : () => store.abandon(key.id, lease);
      let task: Promise<unknown>;
      try {
        task = Promise.resolve(call()).catch((error) => report(error, step, key.id));
      } catch (error) {
        report(error, step, key.id);
        continue;
      }
      try {
        waitUntil?.(task);
      } catch {} // the call runs regardless: a failing waitUntil must not fail the delivery
    }
  };

  const states = await Promise.allSettled(
    keys.map(async (key) => store.begin(key.id, leaseMs, lease)),
  );
  const claimed = keys.filter((_, index) => {
    const state = states[index] as PromiseSettledResult<DeliveryState>;
    return state.status === "fulfilled" && state.value === "new";
  });
  if (claimed.length < keys.length) {
    release("abandon", claimed);
    states.forEach((state, index) => {
      if (state.status === "rejected") report(state.reason, "begin", keys[index]?.id ?? "");
    });
    // A key already handled settles it, whatever else the store said about the others.
    if (states.some((state) => state.status === "fulfilled" && state.value === "done")) {
      return { ok: true, duplicate: true, status: 200, body: DUPLICATE_BODY };
    }
    if (states.some((state) => state.status === "rejected")) {
      return webhookFailure(
        "store_unavailable",
        "The delivery store could not be reached, so this delivery was not run. Retry later.",
      );
    }
    return webhookFailure(
      "delivery_in_progress",
      "Another attempt at this delivery is still running. Retry later.",
    );
  }

  let result: R;
  try {
    result = await handler();
  } catch (error) {
    release("abandon", claimed);
    throw error;
  }
  const settlement = settle(result);
  if (settlement !== "keep") release(settlement, claimed);
  return { ok: true, duplicate: false, result };
}

// 128 random bits: unguessable, so no other attempt can release this one's lease.
function newLease(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let token = "";
  for (const byte of bytes) token += byte.toString(16).padStart(2, "0");
  return token;
}
