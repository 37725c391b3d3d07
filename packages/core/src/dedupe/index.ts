export type { Settlement } from "./claim.js";
export {
  type MemoryDeliveryStoreOptions,
  memoryDeliveryStore,
} from "./memory-delivery-store.js";
export {
  DEFAULT_LEASE_MS,
  DEFAULT_TTL_MS,
  type ResolvedDedupeOptions,
  resolveDedupe,
} from "./options.js";
export {
  checkTimestamp,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_REPLAY_MAX_AGE_MS,
  type ReplayOptions,
  type ResolvedReplayOptions,
  resolveReplay,
} from "./replay.js";
export { DUPLICATE_BODY, duplicateResponse } from "./response.js";
export { type RunOnceOutcome, retriedResult, runOnce } from "./run-once.js";
export { isRetriedStatus } from "./status.js";
export type { DedupeOptions, DedupeStep, DeliveryState, DeliveryStore } from "./types.js";
