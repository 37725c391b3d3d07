import { webhookFailure } from "../request/failure.ts";
import type { WebhookFailure } from "../request/webhook.ts";

/**
 * The `replay` option every adapter takes: refuse a verified delivery whose signed timestamp is
 * outside a window, and remember each delivery by its signature as well as by its identifier.
 * Needs `dedupe` with a store.
 *
 * @example
 * ```ts
 * const replay: ReplayOptions = { maxAgeMs: 60 * 60_000, clockSkewMs: 5 * 60_000 };
 * ```
 */
export interface ReplayOptions {
  /**
   * Oldest signed timestamp accepted, in ms. Default 3 600 000 (1 hour): Jira retries a failed
   * delivery for up to about 30 minutes with the event's own timestamp, so a retry is never
   * older than that, and the margin covers a slow queue.
   */
  maxAgeMs?: number;
  /** How far the signed timestamp may lie in the future, in ms, for clocks that drift. Default 300 000. */
  clockSkewMs?: number;
  /**
   * Reads the signed timestamp, in ms since the epoch, from the parsed payload. Default
   * `payload.timestamp`, which every Jira payload carries.
   */
  timestamp?: (payload: unknown) => unknown;
}

/**
 * {@link ReplayOptions} with the defaults filled in.
 *
 * @example
 * ```ts
 * const { maxAgeMs, clockSkewMs }: ResolvedReplayOptions = resolveReplay({}, dedupe);
 * ```
 */
export type ResolvedReplayOptions = Required<ReplayOptions>;

/** Default replay window: 1 hour, twice Jira's 30 minutes of retries. */
export const DEFAULT_REPLAY_MAX_AGE_MS = 3_600_000;
/** Default allowance for a timestamp in the future: 5 minutes. */
export const DEFAULT_CLOCK_SKEW_MS = 300_000;

const jiraTimestamp = (payload: unknown): unknown =>
  typeof payload === "object" && payload !== null
    ? (payload as { timestamp?: unknown }).timestamp
    : undefined;

/**
 * Checks the `replay` option and fills in the defaults. Adapters call it when they are created,
 * so that a misconfiguration, or `replay` without `dedupe`, throws `TypeError` at start-up.
 *
 * @example
 * ```ts
 * const replay = options.replay && resolveReplay(options.replay, options.dedupe); // TypeError if invalid
 * ```
 */
export function resolveReplay(options: ReplayOptions, dedupe: unknown): ResolvedReplayOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("replay must be an object, such as { maxAgeMs: 3_600_000 }.");
  }
  if (!dedupe) {
    throw new TypeError(
      "replay needs dedupe: { store }: replayed deliveries are recognized in the delivery store.",
    );
  }
  const {
    maxAgeMs = DEFAULT_REPLAY_MAX_AGE_MS,
    clockSkewMs = DEFAULT_CLOCK_SKEW_MS,
    timestamp = jiraTimestamp,
  } = options;
  if (!(Number.isSafeInteger(maxAgeMs) && maxAgeMs > 0)) {
    throw new TypeError("replay.maxAgeMs must be a positive whole number of milliseconds.");
  }
  if (!(Number.isSafeInteger(clockSkewMs) && clockSkewMs >= 0)) {
    throw new TypeError("replay.clockSkewMs must be a whole number of milliseconds, 0 or more.");
  }
  if (typeof timestamp !== "function") {
    throw new TypeError("replay.timestamp must be a function of the payload.");
  }
  return { maxAgeMs, clockSkewMs, timestamp };
}

/**
 * Whether a verified payload's signed timestamp lies inside the replay window at `now`: nothing
 * when it does, 400 `stale_delivery` when it is too old, too far ahead, missing or not a
 * finite number. A delivery without a body (Jira's "Exclude body" webhooks) has no timestamp.
 *
 * @example
 * ```ts
 * const stale = checkTimestamp(webhook.payload, resolveReplay({}, dedupe), Date.now());
 * if (stale) return failureResponse(stale);
 * ```
 */
export function checkTimestamp(
  payload: unknown,
  replay: ResolvedReplayOptions,
  now: number,
): WebhookFailure | undefined {
  let signed: unknown;
  try {
    signed = replay.timestamp(payload);
  } catch {
    signed = undefined;
  }
  if (typeof signed !== "number" || !Number.isFinite(signed)) {
    return webhookFailure(
      "stale_delivery",
      payload === undefined
        ? "The delivery has no body, so no signed timestamp: replay protection refuses it. Send the body, or turn replay off for this webhook."
        : "The delivery carries no signed timestamp (a number of milliseconds), so it may be a replay.",
    );
  }
  if (now - signed > replay.maxAgeMs) {
    return webhookFailure(
      "stale_delivery",
      `The delivery's signed timestamp is ${describe(now - signed)} old, older than the replay window of ${describe(replay.maxAgeMs)}.`,
    );
  }
  if (signed - now > replay.clockSkewMs) {
    return webhookFailure(
      "stale_delivery",
      `The delivery's signed timestamp is ${describe(signed - now)} in the future, more than the allowed clock skew of ${describe(replay.clockSkewMs)}.`,
    );
  }
  return undefined;
}

function describe(ms: number): string {
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${Math.round(ms / 1000)} s`;
}
