export type { Settlement } from "../dedupe/claim.js";
export { answeredStatus, type NodeResponseLike } from "./answered-status.js";
export {
  MAX_PREPARED_VERIFIERS,
  type RequestVerifier,
  requestVerifier,
  type VerifierEngine,
} from "./request-verifier.js";
export {
  settleByStatus,
  type Verified,
  type WebhookPipeline,
  webhookPipeline,
} from "./webhook-pipeline.js";
