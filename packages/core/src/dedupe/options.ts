import type { DedupeOptions } from "./types.ts";

/** Default lease of one attempt: 60 s. */
export const DEFAULT_LEASE_MS = 60_000;
/** Default memory of handled deliveries: 1 hour, longer than Jira's 30 minutes of retries. */
export const DEFAULT_TTL_MS = 3_600_000;

/**
 * {@link DedupeOptions} with the defaults filled in.
 *
 * @example
 * ```ts
 * const { leaseMs, ttlMs }: ResolvedDedupeOptions = resolveDedupe({ store });
 * ```
 */
export type ResolvedDedupeOptions = Required<Omit<DedupeOptions, "onStoreError">> &
  Pick<DedupeOptions, "onStoreError">;

/**
 * Checks the `dedupe` option and fills in the defaults. Adapters call it when they are created,
 * so that a misconfiguration throws `TypeError` at start-up rather than on the first delivery.
 *
 * @example
 * ```ts
 * const dedupe = options.dedupe && resolveDedupe(options.dedupe); // throws TypeError if invalid
 * ```
 */
export function resolveDedupe(options: DedupeOptions): ResolvedDedupeOptions {
  const { store, leaseMs = DEFAULT_LEASE_MS, ttlMs = DEFAULT_TTL_MS, onStoreError } = options;
  for (const method of ["begin", "complete", "abandon"] as const) {
    if (typeof store?.[method] !== "function") {
      throw new TypeError(`dedupe.store must have a ${method}() method.`);
    }
  }
  for (const [name, value] of [
    ["leaseMs", leaseMs],
    ["ttlMs", ttlMs],
  ] as const) {
    if (!(Number.isSafeInteger(value) && value > 0)) {
      throw new TypeError(`dedupe.${name} must be a positive whole number of milliseconds.`);
    }
  }
  return { store, leaseMs, ttlMs, onStoreError };
}
