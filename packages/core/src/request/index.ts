export type { ReplayOptions } from "../dedupe/replay.ts";
export { ClientAbortError, isClientAbort } from "./client-abort.ts";
export { failureBody, failureResponse, webhookFailure } from "./failure.ts";
export { readBody, tooLarge } from "./read-body.ts";
export { type HeaderLookup, readDelivery, verifyDelivery } from "./verify-delivery.ts";
export { type BodyState, type NodeRequestLike, verifyNodeRequest } from "./verify-node-request.ts";
export { refuseEncoding, verifyRequest } from "./verify-request.ts";
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
} from "./webhook.ts";
