import type { ReplayOptions } from "../dedupe/replay.ts";
import type { DedupeOptions } from "../dedupe/types.ts";
import type { DiagnosisFinding } from "../diagnose/types.ts";
import type { Algorithm, FailureReason, Secret } from "../verify/types.ts";

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
 *   // No payload: a Jira webhook set to "Exclude body", signed over zero bytes.
 *   console.log(webhook.payload?.webhookEvent, webhook.delivery.id, webhook.secretIndex);
 * }
 * ```
 */
export interface VerifiedWebhook<T = unknown> {
  /**
   * The parsed JSON body (the UTF-8 text when the content type is not JSON), or `undefined` when
   * the body is empty: Jira's "Exclude body" webhooks send none, signed over zero bytes.
   */
  payload: T | undefined;
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
  | "stale_delivery"
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
 * A verified delivery or the reason it was refused. `signature` is the verified header value,
 * normalized to `method=<lowercase hex>`: replay protection remembers deliveries by it.
 *
 * @example
 * ```ts
 * const outcome: WebhookOutcome = await verifyRequest(request, verifier);
 * if (outcome.ok) console.log(outcome.signature); // "sha256=757107ea..."
 * ```
 */
export type WebhookOutcome<T = unknown> =
  | { ok: true; webhook: VerifiedWebhook<T>; signature: string }
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
 * What `onFailure` receives: the refusal, and with `diagnose: true` the probable causes of a
 * signature failure. `findings` are for server logs only: the HTTP answer never carries them
 * ({@link failureBody} writes `error` and `message` only).
 *
 * @example
 * ```ts
 * const onFailure = (failure: WebhookFailureReport) => {
 *   console.warn(failure.reason, failure.message);
 *   for (const finding of failure.findings ?? []) console.warn(finding.cause, finding.message);
 * };
 * ```
 */
export interface WebhookFailureReport extends WebhookFailure {
  /**
   * Set only with `diagnose: true`, when the signature was checked and failed (missing,
   * malformed, not allowed, mismatch): what `diagnose()` from `@hubsig/core/diagnose` found,
   * possibly nothing (a forged signature gets no finding).
   */
  findings?: readonly DiagnosisFinding[];
}

/**
 * The secrets for one request, chosen from the request: one Jira site or URL path per tenant.
 * Return the current secret first and older ones after it while rotating. `undefined`, `null` or
 * an empty list means no secret is configured for this request: it is refused with 401
 * `signature_mismatch`. A function that throws, or returns something that is not a secret (an
 * empty string, a list with a hole), makes the adapter hand a `TypeError` to the framework,
 * which answers 500, so that the sender retries once the lookup is fixed.
 *
 * @example
 * ```ts
 * const secrets: Record<string, string[]> = { acme: ["new-secret", "old-secret"], globex: ["g-secret"] };
 * const secret: SecretResolver<Request> = (request) =>
 *   secrets[new URL(request.url).pathname.split("/").pop() ?? ""];
 * ```
 */
export type SecretResolver<Req> = (
  request: Req,
) =>
  | Secret
  | readonly Secret[]
  | undefined
  | null
  | Promise<Secret | readonly Secret[] | undefined | null>;

/**
 * Options every adapter takes.
 *
 * @example
 * ```ts
 * const options: WebhookOptions<Request> = {
 *   secret: process.env.JIRA_WEBHOOK_SECRET!,
 *   dedupe: { store: memoryDeliveryStore() },
 *   diagnose: true,
 *   onFailure: (failure) => console.warn(failure.reason, failure.message, failure.findings),
 * };
 * ```
 */
export interface WebhookOptions<Req = Request> extends RequestOptions {
  /**
   * The secret, several while rotating (current first), or a {@link SecretResolver} that picks
   * them per request. Verifiers for the secrets a resolver returns are prepared once and reused.
   */
  secret: Secret | readonly Secret[] | SecretResolver<Req>;
  /** Methods accepted from the header. Default `["sha256", "sha384", "sha512"]`; sha1 is opt-in. */
  algorithms?: readonly Algorithm[];
  /**
   * Run the handler once per `X-Atlassian-Webhook-Identifier`, after the signature is verified:
   * 200 `{ "duplicate": true }` for a handled delivery, 409 `delivery_in_progress` while another
   * attempt runs, 503 `store_unavailable` when the store cannot be reached.
   */
  dedupe?: DedupeOptions;
  /**
   * Refuse (400 `stale_delivery`) a verified delivery whose signed `payload.timestamp` is older
   * than `maxAgeMs` (default 1 hour) or too far in the future, or that has none, and answer the
   * same signed bytes sent again under another identifier as a duplicate. Jira's identifier
   * header is not signed; the body's timestamp and the signature are. Needs `dedupe`.
   */
  replay?: ReplayOptions;
  /**
   * On a signature failure, work out the probable cause (a re-serialized body, a secret with a
   * newline, ...) and pass it to `onFailure` as `failure.findings`. Default `false`: it costs up
   * to a few dozen HMACs per refused delivery. Never part of the HTTP answer.
   */
  diagnose?: boolean;
  /** Called for every refused delivery, for logging. */
  onFailure?: (failure: WebhookFailureReport, request: Req) => void;
}

/** Default signature header, as Jira and WebSub send it. */
export const DEFAULT_HEADER = "x-hub-signature";
/** Default body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
