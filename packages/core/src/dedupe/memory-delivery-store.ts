import type { DeliveryState, DeliveryStore } from "./types.js";

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
   * Most deliveries remembered at once, default 10 000. Past it the least recently seen one is
   * forgotten: size it above the deliveries a `ttlMs` window brings.
   */
  maxEntries?: number;
  /** Clock in ms, default `Date.now`. */
  now?: () => number;
}

interface Entry {
  done: boolean;
  expires: number;
}

/**
 * A {@link DeliveryStore} in this process's memory: bounded (least recently used first out) and
 * expiring (a lease that runs out lets a retry through; handled deliveries are forgotten after
 * `ttlMs`). It serves one process only: behind a load balancer use `@hubsig/redis`.
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
  // A Map iterates in insertion order: re-inserting on every touch keeps the oldest first.
  const entries = new Map<string, Entry>();
  const put = (id: string, entry: Entry) => {
    entries.delete(id);
    entries.set(id, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };

  return {
    async begin(id, leaseMs): Promise<DeliveryState> {
      const entry = entries.get(id);
      const time = now();
      if (entry && entry.expires > time) {
        put(id, entry);
        return entry.done ? "done" : "in_progress";
      }
      put(id, { done: false, expires: time + leaseMs });
      return "new";
    },
    async complete(id, ttlMs) {
      put(id, { done: true, expires: now() + ttlMs });
    },
    async abandon(id) {
      // A handled delivery stays handled, whoever abandons it.
      if (entries.get(id)?.done === false) entries.delete(id);
    },
  };
}
