export type { Settlement } from "../dedupe/claim.ts";
export { answeredStatus, type NodeResponseLike } from "./answered-status.ts";
export {
  MAX_PREPARED_VERIFIERS,
  type RequestVerifier,
  requestVerifier,
  type VerifierEngine,
} from "./request-verifier.ts";
export {
  settleByStatus,
  type Verified,
  type WebhookPipeline,
  webhookPipeline,
} from "./webhook-pipeline.ts";
