import type { Diagnosis, DiagnosisFinding } from "../diagnose/types.ts";
import type { WebhookFailure, WebhookFailureReport, WebhookOptions } from "../request/webhook.ts";
import type { Payload, Secret, Verifier, VerifyOptions, VerifyResult } from "../verify/types.ts";

/**
 * The engine-bound functions {@link requestVerifier} needs. The adapter entry binds no HMAC
 * engine, so adapters pass `createVerifier` from `@hubsig/core`, and for `diagnose: true`
 * either `diagnose` from `@hubsig/core/diagnose` or, so that bundles carry it only when it is
 * used, `loadDiagnose` that imports it on the first failed signature.
 *
 * @example
 * ```ts
 * import { createVerifier } from "@hubsig/core";
 *
 * const engine: VerifierEngine = { createVerifier, loadDiagnose: () => import("@hubsig/core/diagnose") };
 * ```
 */
export interface VerifierEngine {
  createVerifier(options: VerifyOptions): Verifier;
  diagnose?: Diagnose;
  loadDiagnose?: () => Promise<{ diagnose: Diagnose }>;
}

type Diagnose = (
  payload: Payload,
  header: string | null | undefined,
  options: VerifyOptions,
) => Promise<Diagnosis>;

/**
 * The verifier for one request, and how to report its refusal to `onFailure`.
 *
 * @example
 * ```ts
 * const verifier: RequestVerifier = await verifierFor(req);
 * const outcome = await verifyNodeRequest(req, verifier, options, state);
 * if (!outcome.ok) options.onFailure?.(verifier.report(outcome), req);
 * ```
 */
export interface RequestVerifier extends Verifier {
  /** The failure as `onFailure` gets it: with `findings` when a diagnosis ran. */
  report(failure: WebhookFailure): WebhookFailureReport;
}

/** Distinct secret lists kept prepared, per adapter instance, before the oldest is dropped. */
export const MAX_PREPARED_VERIFIERS = 256;

const NO_SECRET: VerifyResult = {
  ok: false,
  reason: "signature_mismatch",
  message: "No webhook secret is configured for this request.",
};

/**
 * Resolves `options.secret` to a verifier per request, for adapters. A fixed secret is prepared
 * here, once (a bad one throws `TypeError` at start-up). A {@link SecretResolver} is called per
 * request; the verifier for the secrets it returns is prepared on first use and reused while
 * those secret bytes stay the same, in a cache of {@link MAX_PREPARED_VERIFIERS} lists, least
 * recently used dropped first. No secret for a request (`undefined`, `null`, `[]`) gives a
 * verifier that refuses with 401 `signature_mismatch`; a resolver that throws, or returns
 * something that is not a secret (a list with a hole, an empty string), rejects with that error
 * or a `TypeError`, for the framework's error handling (500, so that the sender retries). With `diagnose: true` and `engine.diagnose`, a failed signature is diagnosed
 * and `report()` adds the findings.
 *
 * @example
 * ```ts
 * import { createVerifier } from "@hubsig/core";
 * import { requestVerifier } from "@hubsig/core/adapter";
 * import { verifyRequest } from "@hubsig/core/request";
 *
 * const verifierFor = requestVerifier<Request>(
 *   { secret: (request) => secrets.get(new URL(request.url).pathname) },
 *   { createVerifier },
 * );
 * const verifier = await verifierFor(request);
 * const outcome = await verifyRequest(request, verifier);
 * ```
 */
export function requestVerifier<Req>(
  options: WebhookOptions<Req>,
  engine: VerifierEngine,
): (request: Req) => Promise<RequestVerifier> {
  const { secret, algorithms } = options;
  const load = engine.loadDiagnose;
  const diagnose: Diagnose | undefined = !options.diagnose
    ? undefined
    : (engine.diagnose ??
      (load && ((...args) => load().then((module) => module.diagnose(...args)))));

  // Keys are prepared here, once per secret list; each request gets a light view of them that
  // keeps its own diagnosis.
  const prepare = (secrets: Secret | readonly Secret[]) => {
    const verifier = engine.createVerifier({ secret: secrets, algorithms });
    const verify: Verifier["verify"] = (payload, header) => verifier.verify(payload, header);
    return (): RequestVerifier => {
      let findings: readonly DiagnosisFinding[] | undefined;
      return {
        verify: diagnose
          ? async (payload, header) => {
              const result = await verify(payload, header);
              // A diagnosis is for the logs: it must never change the answer.
              if (!result.ok) {
                findings = await diagnose(payload, header, { secret: secrets, algorithms }).then(
                  (diagnosis) => diagnosis.findings,
                  () => [],
                );
              }
              return result;
            }
          : verify,
        report: (failure) => (findings ? { ...failure, findings } : failure),
      };
    };
  };

  if (typeof secret !== "function") {
    const fixed = prepare(secret);
    return async () => fixed();
  }
  const cache = new Map<string, () => RequestVerifier>();
  return async (request) => {
    const found = await secret(request);
    const secrets: readonly Secret[] = found == null ? [] : [found].flat();
    if (!secrets.length) return { verify: async () => NO_SECRET, report: (failure) => failure };
    const hole = secrets.findIndex(
      (one) => typeof one !== "string" && !(one instanceof Uint8Array),
    );
    if (hole >= 0) {
      throw new TypeError(
        `hubsig: the secret function returned a list whose entry ${hole} is ${describe(secrets[hole])}, not a secret: return only the secrets you have, or undefined when there is none.`,
      );
    }
    // The secret bytes are the key: a rotated secret gets a new verifier, a known one is reused.
    const key = JSON.stringify(secrets.map((s) => (typeof s === "string" ? s : [...s])));
    const entry = cache.get(key) ?? prepare(secrets);
    cache.delete(key);
    if (cache.set(key, entry).size > MAX_PREPARED_VERIFIERS)
      cache.delete(cache.keys().next().value as string);
    return entry();
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return `a ${typeof value}`;
}
