export {
  DEFAULT_LEASE_MS,
  DEFAULT_TTL_MS,
  type ResolvedDedupeOptions,
  resolveDedupe,
} from "./dedupe-options.js";
export { DUPLICATE_BODY, duplicateResponse } from "./dedupe-response.js";
export { type RunOnceOutcome, runOnce } from "./dedupe-run.js";
export { isRetriedStatus } from "./dedupe-status.js";
export type { DedupeOptions, DedupeStep, DeliveryState, DeliveryStore } from "./dedupe-types.js";
export {
  type MemoryDeliveryStoreOptions,
  memoryDeliveryStore,
} from "./memory-delivery-store.js";
