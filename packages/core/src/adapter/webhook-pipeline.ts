import { type ClaimKey, claimAndRun, type Settlement } from "../dedupe/claim.ts";
import { resolveDedupe } from "../dedupe/options.ts";
import { checkTimestamp, resolveReplay } from "../dedupe/replay.ts";
import type { RunOnceOutcome } from "../dedupe/run-once.ts";
import { retriedResult } from "../dedupe/run-once.ts";
import { isRetriedStatus } from "../dedupe/status.ts";
import type { WebhookOptions, WebhookOutcome } from "../request/webhook.ts";
import type { Verifier } from "../verify/types.ts";
import { answeredStatus, type NodeResponseLike } from "./answered-status.ts";
import { requestVerifier, type VerifierEngine } from "./request-verifier.ts";

/**
 * A verified delivery as {@link WebhookPipeline.verify} hands it on.
 *
 * @example
 * ```ts
 * const verified: Verified = outcome; // after `if (!outcome.ok) return ...`
 * ```
 */
export type Verified<T = unknown> = Extract<WebhookOutcome<T>, { ok: true }>;

/**
 * The shared pipeline of one adapter instance: every adapter reads the body its own way and
 * answers in its framework's way, and runs everything in between through this.
 *
 * @example
 * ```ts
 * const verified = await pipeline.verify(request, (verifier) => verifyRequest(request, verifier, options));
 * if (!verified.ok) return failureResponse(verified);
 * const ran = await pipeline.run(request, verified, () => handler(verified.webhook, request));
 * if (!ran.ok) return failureResponse(ran);
 * return ran.duplicate ? duplicateResponse() : ran.result;
 * ```
 */
export interface WebhookPipeline<Req> {
  /**
   * Picks the verifier for `request` (fixed secrets or the resolver's), lets `read` read and
   * verify the body with it, then applies `replay`'s window. Every refusal is reported to
   * `onFailure`, with the diagnosis when `diagnose: true`.
   */
  verify<T>(
    request: Req,
    read: (verifier: Verifier) => Promise<WebhookOutcome<T>>,
  ): Promise<WebhookOutcome<T>>;
  /**
   * Runs `handler` once per delivery: by `X-Atlassian-Webhook-Identifier` with `dedupe`, and by
   * signature as well with `replay`. `settle` says how the handler's result ended; by default a
   * status (or `{ status }`) Jira retries releases the delivery and anything else completes it.
   * A 409 or 503 refusal is reported to `onFailure`. The store calls that settle the delivery
   * are not waited for; `waitUntil` receives each of them, for runtimes that end a request's
   * work once it is answered (a Worker's `ctx.waitUntil`).
   */
  run<R>(
    request: Req,
    verified: Verified,
    handler: () => R | Promise<R>,
    settle?: (result: R) => Settlement,
    waitUntil?: (task: Promise<unknown>) => void,
  ): Promise<RunOnceOutcome<R>>;
  /**
   * {@link WebhookPipeline.run} for Node middleware whose handler answers on a
   * `ServerResponse`: `start` runs the rest of the route, and the delivery stays claimed until
   * the route calls `res.end()` (even to a client that hung up) or the lease runs out.
   */
  runUntilAnswered(
    request: Req,
    verified: Verified,
    res: NodeResponseLike,
    start: () => unknown,
  ): Promise<RunOnceOutcome<number | undefined>>;
}

/**
 * How a handler's answer settles its delivery: a status Jira retries releases it for the retry,
 * any other status marks it handled, and no answer at all (`undefined`) leaves it to its lease.
 *
 * @example
 * ```ts
 * settleByStatus(204); // "complete"
 * settleByStatus(503); // "abandon"
 * ```
 */
export function settleByStatus(status: number | undefined): Settlement {
  if (status === undefined) return "keep";
  return isRetriedStatus(status) ? "abandon" : "complete";
}

/**
 * Builds the pipeline for one adapter instance. Options are checked here, when the adapter is
 * created: a bad secret, `dedupe` or `replay` (or `replay` without `dedupe`) throws `TypeError`
 * at start-up. `engine` binds the HMAC engine the adapter resolved (`createVerifier` from
 * `@hubsig/core`) and loads `@hubsig/core/diagnose` only when `diagnose: true`.
 *
 * @example
 * ```ts
 * import { createVerifier } from "@hubsig/core";
 * import { webhookPipeline } from "@hubsig/core/adapter";
 *
 * const pipeline = webhookPipeline(options, {
 *   createVerifier,
 *   loadDiagnose: () => import("@hubsig/core/diagnose"),
 * });
 * ```
 */
export function webhookPipeline<Req>(
  options: WebhookOptions<Req>,
  engine: VerifierEngine,
): WebhookPipeline<Req> {
  const verifierFor = requestVerifier(options, engine);
  const dedupe = options.dedupe && resolveDedupe(options.dedupe);
  const replay = options.replay && resolveReplay(options.replay, dedupe);
  // Kept at least as long as a replayed copy would still pass the timestamp check.
  const replayTtlMs =
    replay && dedupe && Math.max(dedupe.ttlMs, replay.maxAgeMs + replay.clockSkewMs);

  const keysOf = (verified: Verified): ClaimKey[] => {
    const keys: ClaimKey[] = [];
    const id = verified.webhook.delivery.id;
    if (dedupe && id) keys.push({ id });
    if (replayTtlMs) keys.push({ id: `signature:${verified.signature}`, ttlMs: replayTtlMs });
    return keys;
  };

  const run: WebhookPipeline<Req>["run"] = async (
    request,
    verified,
    handler,
    settle = (result) => (retriedResult(result) ? "abandon" : "complete"),
    waitUntil,
  ) => {
    const ran = await claimAndRun(keysOf(verified), dedupe, handler, settle, waitUntil);
    if (!ran.ok) options.onFailure?.(ran, request);
    return ran;
  };

  return {
    async verify(request, read) {
      const verifier = await verifierFor(request);
      const outcome = await read(verifier);
      if (!outcome.ok) {
        options.onFailure?.(verifier.report(outcome), request);
        return outcome;
      }
      const stale = replay && checkTimestamp(outcome.webhook.payload, replay, Date.now());
      if (stale) {
        options.onFailure?.(stale, request);
        return stale;
      }
      return outcome;
    },
    run,
    async runUntilAnswered(request, verified, res, start) {
      if (!dedupe || keysOf(verified).length === 0) {
        // Nothing to settle: no need to watch the answer.
        await start();
        return { ok: true, duplicate: false, result: undefined };
      }
      const { leaseMs } = dedupe;
      return run(request, verified, () => answeredStatus(res, start, leaseMs), settleByStatus);
    },
  };
}
