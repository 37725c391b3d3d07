export { createVerifier } from "./create-verifier.js";
export { type GenerateSecretOptions, generateSecret } from "./generate-secret.js";
export { type ParsedSignature, parseSignatureHeader } from "./parse-signature-header.js";
export { sign } from "./sign.js";
export type {
  Algorithm,
  FailureReason,
  Payload,
  Secret,
  Verifier,
  VerifyOptions,
  VerifyResult,
} from "./types.js";
export { verify } from "./verify.js";
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
} from "./webhook.js";
