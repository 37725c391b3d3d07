export type { ReplayOptions } from "./dedupe/replay.js";
export type {
  Delivery,
  RequestOptions,
  SecretResolver,
  VerifiedWebhook,
  WebhookFailure,
  WebhookFailureReason,
  WebhookFailureReport,
  WebhookOptions,
  WebhookOutcome,
} from "./request/webhook.js";
export { createVerifier } from "./verify/create-verifier.js";
export { type GenerateSecretOptions, generateSecret } from "./verify/generate-secret.js";
export { type ParsedSignature, parseSignatureHeader } from "./verify/parse-signature-header.js";
export { sign } from "./verify/sign.js";
export type {
  Algorithm,
  FailureReason,
  Payload,
  Secret,
  Verifier,
  VerifyOptions,
  VerifyResult,
} from "./verify/types.js";
export { verify } from "./verify/verify.js";
