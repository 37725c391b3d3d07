export type { ReplayOptions } from "./dedupe/replay.ts";
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
} from "./request/webhook.ts";
export { createVerifier } from "./verify/create-verifier.ts";
export { type GenerateSecretOptions, generateSecret } from "./verify/generate-secret.ts";
export { type ParsedSignature, parseSignatureHeader } from "./verify/parse-signature-header.ts";
export { sign } from "./verify/sign.ts";
export type {
  Algorithm,
  FailureReason,
  Payload,
  Secret,
  Verifier,
  VerifyOptions,
  VerifyResult,
} from "./verify/types.ts";
export { verify } from "./verify/verify.ts";
