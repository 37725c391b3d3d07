import { DEFAULT_ALGORITHMS, isAlgorithm } from "./algorithms.ts";
import { toBytes } from "./bytes.ts";
import { ENGINE, prepareKeys } from "./hmac.ts";
import type { EngineName } from "./hmac-engine.ts";
import { parseSignatureHeader } from "./parse-signature-header.ts";
import type { Algorithm, Secret, Verifier, VerifyOptions, VerifyResult } from "./types.ts";

/**
 * Prepares a verifier once, at start-up: secrets are turned into keys a single time and every
 * delivery then costs one HMAC per secret tried. Misuse (no secret, an empty secret, an unknown
 * algorithm name) throws `TypeError` here, never later at request time.
 *
 * @example
 * ```ts
 * import { createVerifier } from "@hubsig/core";
 *
 * const verifier = createVerifier({
 *   secret: [process.env.JIRA_WEBHOOK_SECRET!, process.env.JIRA_WEBHOOK_SECRET_PREVIOUS!],
 * });
 * const body = new Uint8Array(await request.arrayBuffer());
 * const result = await verifier.verify(body, request.headers.get("x-hub-signature"));
 * if (!result.ok) return new Response(result.message, { status: 401 });
 * if (result.secretIndex > 0) console.warn("Jira still signs with the previous secret");
 * ```
 */
export function createVerifier(options: VerifyOptions): Verifier {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("hubsig: createVerifier needs options with a `secret`");
  }
  const secrets = secretBytes(options.secret);
  const allowed = allowedAlgorithms(options.algorithms);
  const keys = prepareKeys(secrets);
  const verifier: Verifier & { [ENGINE_KEY]: EngineName } = {
    // Which engine this build bound, for the conformance suite and for debugging: keyed by a
    // registered symbol, so Object.keys, for...in and JSON leave it out and the types never
    // show it; console.log and util.inspect do show it.
    [ENGINE_KEY]: ENGINE,
    async verify(payload, signatureHeader) {
      const parsed = parseSignatureHeader(signatureHeader ?? "");
      if (!parsed.ok) return parsed;
      const { algorithm, digest } = parsed;
      if (!allowed.includes(algorithm)) {
        return {
          ok: false,
          reason: "unsupported_algorithm",
          message: `Signature method ${algorithm} is not allowed here (allowed: ${allowed.join(", ")}).`,
        };
      }
      const matched = keys.match(algorithm, digest, toBytes(payload));
      // The node engine answers synchronously: awaiting a number would cost one more microtask
      // turn on every delivery, so only a promise (WebCrypto) is awaited.
      const secretIndex = typeof matched === "number" ? matched : await matched;
      return secretIndex < 0 ? MISMATCH : { ok: true, algorithm, secretIndex };
    },
  };
  return verifier;
}

/**
 * The key of the engine marker on every verifier: `verifier[Symbol.for("hubsig.engine")]` is
 * `"node:crypto"` or `"WebCrypto"`.
 */
const ENGINE_KEY: unique symbol = Symbol.for("hubsig.engine");

const MISMATCH: VerifyResult = {
  ok: false,
  reason: "signature_mismatch",
  message:
    "Signature mismatch: no configured secret gives this signature for these bytes. Check the secret and that the raw body is hashed, not a re-serialized one.",
};

function secretBytes(secret: Secret | readonly Secret[] | undefined): Uint8Array[] {
  const list = Array.isArray(secret) ? (secret as readonly Secret[]) : [secret];
  if (list.length === 0) throw new TypeError("hubsig: `secret` must not be an empty list");
  return list.map((one, index) => {
    if (typeof one !== "string" && !(one instanceof Uint8Array)) {
      throw new TypeError(`hubsig: secret ${index} must be a string or a Uint8Array`);
    }
    const bytes = toBytes(one);
    if (bytes.length === 0) throw new TypeError(`hubsig: secret ${index} is empty`);
    // A copy, so that later writes to the caller's array cannot change the key.
    return bytes.slice();
  });
}

function allowedAlgorithms(algorithms: readonly Algorithm[] | undefined): readonly Algorithm[] {
  if (algorithms === undefined) return DEFAULT_ALGORITHMS;
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new TypeError("hubsig: `algorithms` must be a non-empty list");
  }
  for (const name of algorithms) {
    if (!isAlgorithm(name)) throw new TypeError(`hubsig: unknown algorithm "${String(name)}"`);
  }
  return [...algorithms];
}
