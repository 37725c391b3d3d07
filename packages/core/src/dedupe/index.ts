export type { Settlement } from "./claim.ts";
export {
  type MemoryDeliveryStoreOptions,
  memoryDeliveryStore,
} from "./memory-delivery-store.ts";
export {
  DEFAULT_LEASE_MS,
  DEFAULT_TTL_MS,
  type ResolvedDedupeOptions,
  resolveDedupe,
} from "./options.ts";
export {
  checkTimestamp,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_REPLAY_MAX_AGE_MS,
  type ReplayOptions,
  type ResolvedReplayOptions,
  resolveReplay,
} from "./replay.ts";
export { DUPLICATE_BODY, duplicateResponse } from "./response.ts";
export { type RunOnceOutcome, retriedResult, runOnce } from "./run-once.ts";
export { isRetriedStatus } from "./status.ts";
export type { DedupeOptions, DedupeStep, DeliveryState, DeliveryStore } from "./types.ts";
