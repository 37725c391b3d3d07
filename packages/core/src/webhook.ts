import type { Algorithm, FailureReason, VerifyOptions } from "./types.js";

/**
 * Delivery metadata from Jira's `X-Atlassian-Webhook-*` headers. These headers are not signed:
 * use them for logging and deduplication, never for trust decisions.
 *
 * @example
 * ```ts
 * const { id, retry, flow }: Delivery = webhook.delivery;
 * ```
 */
export interface Delivery {
  /** `X-Atlassian-Webhook-Identifier`: the same on every retry of one delivery. */
  id?: string;
  /** `X-Atlassian-Webhook-Retry`: 0 for the first attempt. */
  retry: number;
  /** `X-Atlassian-Webhook-Flow`: `Primary` or `Secondary`. */
  flow?: string;
}

/**
 * What every adapter hands to the handler once a delivery is verified.
 *
 * @example
 * ```ts
 * function handle(webhook: VerifiedWebhook<{ webhookEvent: string }>) {
 *   console.log(webhook.payload.webhookEvent, webhook.delivery.id, webhook.secretIndex);
 * }
 * ```
 */
export interface VerifiedWebhook<T = unknown> {
  /** The parsed JSON body (the UTF-8 text when the content type is not JSON). */
  payload: T;
  /** The exact bytes that were verified. */
  rawBody: Uint8Array;
  algorithm: Algorithm;
  /** Which secret matched: above 0 means the sender still uses an older one. */
  secretIndex: number;
  delivery: Delivery;
}

/**
 * Why a delivery was refused: a signature failure, or a problem with the request around it.
 *
 * @example
 * ```ts
 * const reason: WebhookFailureReason = "body_too_large";
 * ```
 */
export type WebhookFailureReason =
  | FailureReason
  | "unsupported_encoding"
  | "body_too_large"
  | "body_unavailable"
  | "invalid_json"
  | "delivery_in_progress"
  | "store_unavailable";

/**
 * A refused delivery with the HTTP status to answer: 4xx for what the sender did wrong (not
 * retried), 5xx only for misconfiguration or an unreachable delivery store (retried once fixed),
 * and 409 while another attempt at the same delivery is still running (Jira retries 409).
 *
 * @example
 * ```ts
 * const failure: WebhookFailure = { ok: false, status: 401, reason: "signature_mismatch", message: "..." };
 * ```
 */
export interface WebhookFailure {
  ok: false;
  status: number;
  reason: WebhookFailureReason;
  message: string;
}

/**
 * A verified delivery or the reason it was refused.
 *
 * @example
 * ```ts
 * const outcome: WebhookOutcome = await verifyRequest(request, verifier);
 * ```
 */
export type WebhookOutcome<T = unknown> =
  | { ok: true; webhook: VerifiedWebhook<T> }
  | WebhookFailure;

/**
 * How a request is read and verified.
 *
 * @example
 * ```ts
 * const options: RequestOptions = { header: "x-hub-signature-256", maxBodyBytes: 256 * 1024 };
 * ```
 */
export interface RequestOptions {
  /** Header that carries the signature, any case. Default `x-hub-signature`. */
  header?: string;
  /** Largest body accepted, in bytes; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

/**
 * Options every adapter takes.
 *
 * @example
 * ```ts
 * const options: WebhookOptions<Request> = {
 *   secret: process.env.JIRA_WEBHOOK_SECRET!,
 *   onFailure: (failure) => console.warn(failure.reason, failure.message),
 * };
 * ```
 */
export interface WebhookOptions<Req = Request> extends VerifyOptions, RequestOptions {
  /** Called for every refused delivery, for logging. */
  onFailure?: (failure: WebhookFailure, request: Req) => void;
}

/** Default signature header, as Jira and WebSub send it. */
export const DEFAULT_HEADER = "x-hub-signature";
/** Default body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
