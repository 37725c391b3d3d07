/**
 * Where a delivery stands in a {@link DeliveryStore}: never seen (or its lease ran out), being
 * run under a lease, or already handled.
 *
 * @example
 * ```ts
 * const state: DeliveryState = await store.begin(id, 60_000);
 * if (state === "done") console.log("duplicate", id);
 * ```
 */
export type DeliveryState = "new" | "in_progress" | "done";

/**
 * Remembers which deliveries were handled, so that a retried delivery runs its handler once.
 * `memoryDeliveryStore()` serves one process; `@hubsig/redis` serves many processes behind a load
 * balancer. Each method may reject when the store is unreachable: `begin` is then answered 503,
 * which the sender retries; a failed `complete` or `abandon` is reported and the lease runs out.
 *
 * Every attempt at a delivery brings its own `lease`, a random token: a store must let `abandon`
 * release only the lease the same attempt took, because once a lease runs out a second attempt
 * may hold the delivery (in another process or in this one) while the first still runs. A store
 * written before leases existed may ignore the argument; it then cannot tell two attempts apart.
 *
 * @example
 * ```ts
 * const store: DeliveryStore = {
 *   async begin(id, leaseMs, lease) { return (await db.tryLease(id, lease, leaseMs)) ? "new" : await db.state(id); },
 *   async complete(id, ttlMs) { await db.markDone(id, ttlMs); },
 *   async abandon(id, lease) { await db.releaseLease(id, lease); },
 * };
 * ```
 */
export interface DeliveryStore {
  /**
   * Atomically claims `id` for `leaseMs` under `lease` when it is unknown or its lease ran out
   * (`"new"`), or tells that another attempt holds it (`"in_progress"`) or that it was handled
   * (`"done"`).
   */
  begin(id: string, leaseMs: number, lease: string): Promise<DeliveryState>;
  /**
   * Marks `id` handled, remembered for `ttlMs`: retries within that time are answered as
   * duplicates. The handler of the attempt holding `lease` succeeded, so this holds even when
   * that lease ran out and another attempt took the delivery meanwhile.
   */
  complete(id: string, ttlMs: number, lease: string): Promise<void>;
  /**
   * Releases `lease` without marking `id` handled, so that the next retry runs it again. A
   * no-op when `id` is handled or held under another lease.
   */
  abandon(id: string, lease: string): Promise<void>;
}

/**
 * Which store call failed, as reported to {@link DedupeOptions.onStoreError}.
 *
 * @example
 * ```ts
 * const step: DedupeStep = "complete";
 * ```
 */
export type DedupeStep = "begin" | "complete" | "abandon";

/**
 * The `dedupe` option every adapter takes. Deduplication keys on Jira's
 * `X-Atlassian-Webhook-Identifier`; deliveries without one always run.
 *
 * The identifier header is not signed: deduplication stops retries from running twice, it is
 * not replay protection against someone who captured a signed delivery.
 *
 * @example
 * ```ts
 * import { memoryDeliveryStore } from "@hubsig/core/dedupe";
 *
 * const dedupe: DedupeOptions = {
 *   store: memoryDeliveryStore({ maxEntries: 10_000 }),
 *   leaseMs: 30_000,
 *   onStoreError: (error, step, id) => console.error(`dedupe ${step} failed for ${id}`, error),
 * };
 * ```
 */
export interface DedupeOptions {
  store: DeliveryStore;
  /**
   * How long one attempt holds a delivery, in ms. Default 60 000. Keep it longer than the handler
   * takes: once it runs out, a retry runs the handler again while the first attempt still runs.
   */
  leaseMs?: number;
  /** How long a handled delivery is remembered, in ms. Default 3 600 000 (Jira retries for about 30 minutes). */
  ttlMs?: number;
  /** Called when a store call fails, for logging. Errors it throws are ignored. */
  onStoreError?: (error: unknown, step: DedupeStep, id: string) => void;
}
