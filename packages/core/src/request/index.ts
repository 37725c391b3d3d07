export type { ReplayOptions } from "../dedupe/replay.js";
export { ClientAbortError, isClientAbort } from "./client-abort.js";
export { failureBody, failureResponse, webhookFailure } from "./failure.js";
export { readBody, tooLarge } from "./read-body.js";
export { type HeaderLookup, readDelivery, verifyDelivery } from "./verify-delivery.js";
export { type BodyState, type NodeRequestLike, verifyNodeRequest } from "./verify-node-request.js";
export { refuseEncoding, verifyRequest } from "./verify-request.js";
export {
  DEFAULT_HEADER,
  DEFAULT_MAX_BODY_BYTES,
  type Delivery,
  type RequestOptions,
  type SecretResolver,
  type VerifiedWebhook,
  type WebhookFailure,
  type WebhookFailureReason,
  type WebhookFailureReport,
  type WebhookOptions,
  type WebhookOutcome,
} from "./webhook.js";
