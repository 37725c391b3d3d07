import type { DeliveryState, DeliveryStore } from "./types.ts";

/**
 * Options of {@link memoryDeliveryStore}.
 *
 * @example
 * ```ts
 * const options: MemoryDeliveryStoreOptions = { maxEntries: 50_000 };
 * ```
 */
export interface MemoryDeliveryStoreOptions {
  /**
   * Most deliveries remembered at once, default 10 000. Past it the store forgets an expired
   * entry (a handled delivery past `ttlMs`, a lease that ran out), else the least recently seen
   * handled delivery; a delivery whose handler still runs is never forgotten. When every entry is a running delivery, `begin` rejects (503, retried by
   * Jira) until one finishes. Size it above the deliveries a `ttlMs` window brings.
   */
  maxEntries?: number;
  /** Clock in ms, default `Date.now`. */
  now?: () => number;
}

interface Lease {
  lease: string;
  expires: number;
}

/**
 * A {@link DeliveryStore} in this process's memory: bounded and expiring (a lease that runs out
 * lets a retry through; handled deliveries are forgotten after `ttlMs`). A lease is released
 * only by the attempt that took it, so an attempt whose lease ran out cannot free the lease of
 * the attempt that took over. It serves one process only: behind a load balancer use
 * `@hubsig/redis`.
 *
 * @example
 * ```ts
 * import { memoryDeliveryStore } from "@hubsig/core/dedupe";
 *
 * const dedupe = { store: memoryDeliveryStore({ maxEntries: 10_000 }) };
 * app.post("/webhooks/jira", verifyWebhook({ secret, dedupe }), route);
 * ```
 */
export function memoryDeliveryStore(options: MemoryDeliveryStoreOptions = {}): DeliveryStore {
  const { maxEntries = 10_000, now = () => Date.now() } = options;
  if (!(Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
    throw new TypeError("maxEntries must be a positive whole number.");
  }
  // Running deliveries and handled ones apart, so that eviction never has to skip over a
  // running one to find a handled one. Maps iterate in insertion order: re-inserting a handled
  // delivery when it is seen again keeps the least recently seen first.
  const running = new Map<string, Lease>();
  const handled = new Map<string, number>(); // id -> expires

  const size = () => running.size + handled.size;
  const forgetExpired = (time: number) => {
    for (const [id, expires] of handled) {
      if (expires > time) break; // roughly in expiry order: stop at the first live one
      handled.delete(id);
    }
  };
  // Makes room for one more entry; false when only running deliveries are left.
  const makeRoom = (time: number): boolean => {
    if (size() < maxEntries) return true;
    forgetExpired(time);
    if (size() < maxEntries) return true;
    // A lease that ran out guards nothing; a handled delivery still stops a duplicate run.
    for (const [id, entry] of running) {
      if (entry.expires <= time) {
        running.delete(id);
        return true;
      }
    }
    const oldest = handled.keys().next();
    if (oldest.done) return false;
    handled.delete(oldest.value);
    return true;
  };

  return {
    async begin(id, leaseMs, lease): Promise<DeliveryState> {
      const time = now();
      const done = handled.get(id);
      if (done !== undefined && done > time) {
        handled.delete(id);
        handled.set(id, done);
        return "done";
      }
      handled.delete(id);
      const held = running.get(id);
      if (held && held.expires > time) return "in_progress";
      running.delete(id);
      if (!makeRoom(time)) {
        throw new Error(
          `memoryDeliveryStore is full: all ${maxEntries} entries are deliveries whose handlers still run.`,
        );
      }
      running.set(id, { lease, expires: time + leaseMs });
      return "new";
    },
    async complete(id, ttlMs) {
      // The attempt's handler succeeded: handled, whichever attempt holds the lease by now.
      running.delete(id);
      handled.delete(id);
      const time = now();
      // Only running deliveries left: the mark is dropped rather than grow past maxEntries;
      // at worst a late retry runs the handler again.
      if (makeRoom(time)) handled.set(id, time + ttlMs);
    },
    async abandon(id, lease) {
      if (running.get(id)?.lease === lease) running.delete(id);
    },
  };
}
