import { DEFAULT_ALGORITHMS } from "../verify/algorithms.ts";
import { toBytes } from "../verify/bytes.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { prepareKeys } from "../verify/hmac.ts";
import { parseSignatureHeader } from "../verify/parse-signature-header.ts";
import type { Algorithm, Payload, Secret, VerifyOptions } from "../verify/types.ts";
import { bodyCandidates } from "./body.ts";
import { headerFinding } from "./header.ts";
import { secretCandidates } from "./secret.ts";
import type { Diagnosis, DiagnosisCause, DiagnosisFinding } from "./types.ts";

/**
 * At most this many transformed bodies and secrets are tried per diagnosis, each costing one HMAC
 * per configured secret (a transformed secret: one HMAC).
 *
 * @example
 * ```ts
 * const worstCaseHmacs = DIAGNOSE_MAX_CANDIDATES * secrets.length;
 * ```
 */
export const DIAGNOSE_MAX_CANDIDATES = 24;

/**
 * Verifies like {@link verify} and, when that fails, tells why the signature probably does not
 * match, with a one-sentence fix for each finding. It reports header problems it can see
 * (`missing_signature`, `malformed_signature`, a method that is unknown or not in `algorithms`)
 * and, for a well-formed signature, every transformation of the body or the secret under which
 * it would have matched: JSON re-serialization, a trailing newline added or removed, CRLF/LF,
 * a Latin-1 or lossy UTF-8 round trip, a secret with surrounding whitespace, a secret meant as
 * hex or base64 bytes or the reverse. A forged signature matches none of them and gets no finding.
 *
 * It never reveals a digest computed with a secret, in any field or message: a diagnosis that
 * printed expected signatures would let anyone who reads it sign bodies. Still, findings are
 * meant for server logs and developers, never for the response sent back to the sender.
 *
 * The work is bounded: at most {@link DIAGNOSE_MAX_CANDIDATES} candidates, each one HMAC per
 * secret; body transformations only for bodies up to 1 MiB (`DIAGNOSE_MAX_BODY_BYTES`), JSON
 * re-serialization only for bodies that are a JSON object or array in valid UTF-8; secret
 * variations only for the first 4 secrets. A 1 MiB JSON body with three secrets still costs a few
 * hundred milliseconds, and forged deliveries pay it too: diagnose on demand or behind a rate
 * limit, not on every failure of a public endpoint. Misuse throws `TypeError` as
 * `createVerifier` does.
 *
 * @example
 * ```ts
 * import { diagnose } from "@hubsig/core/diagnose";
 *
 * const { result, findings } = await diagnose(rawBody, request.headers.get("x-hub-signature"), {
 *   secret: process.env.JIRA_WEBHOOK_SECRET!,
 * });
 * if (!result.ok) {
 *   console.warn(result.message);
 *   for (const { cause, message } of findings) console.warn(`${cause}: ${message}`);
 * }
 * ```
 */
export async function diagnose(
  payload: Payload,
  signatureHeader: string | null | undefined,
  options: VerifyOptions,
): Promise<Diagnosis> {
  // The verifier validates the options, so everything below may trust them.
  const result = await createVerifier(options).verify(payload, signatureHeader);
  if (result.ok) return { result, findings: [] };
  const header = typeof signatureHeader === "string" ? signatureHeader : "";
  const parsed = parseSignatureHeader(header);
  if (!parsed.ok) {
    return { result, findings: [headerFinding(header, parsed.reason, parsed.message)] };
  }
  const { algorithm, digest } = parsed;
  const secrets: readonly Secret[] = Array.isArray(options.secret)
    ? options.secret
    : [options.secret as Secret];
  const keys = prepareKeys(secrets.map((secret) => toBytes(secret).slice()));
  const body = toBytes(payload);
  const findings: DiagnosisFinding[] = [];
  const allowed = options.algorithms ?? DEFAULT_ALGORITHMS;
  if (!allowed.includes(algorithm)) {
    const matches = (await keys.match(algorithm, digest, body)) >= 0;
    findings.push(notAllowed(algorithm, allowed, matches));
    if (matches) return { result, findings };
  }

  const found = new Set<DiagnosisCause>();
  const tried: Uint8Array[] = [body];
  const triedSecrets: Uint8Array[] = secrets.map((secret) => toBytes(secret));
  let budget = DIAGNOSE_MAX_CANDIDATES;
  const attempts = [
    ...[...bodyCandidates(body)].map((candidate) => ({ candidate, seen: tried })),
    ...[...secretCandidates(secrets)].map((candidate) => ({ candidate, seen: triedSecrets })),
  ];
  for (const { candidate, seen } of attempts) {
    const { cause, value, message } = candidate;
    // One finding per cause, and identical bytes are hashed once.
    if (found.has(cause) || seen.some((bytes) => sameBytes(bytes, value))) continue;
    if (budget-- === 0) break;
    seen.push(value);
    const index =
      seen === tried
        ? await keys.match(algorithm, digest, value)
        : await prepareKeys([value]).match(algorithm, digest, body);
    if (index < 0) continue;
    found.add(cause);
    const which = seen === tried && secrets.length > 1 ? ` (with secret ${index})` : "";
    findings.push({ cause, message: message.replace(":", `${which}:`) });
  }
  return { result, findings };
}

function notAllowed(
  algorithm: Algorithm,
  allowed: readonly Algorithm[],
  matches: boolean,
): DiagnosisFinding {
  const list = [...allowed, algorithm].map((name) => `"${name}"`).join(", ");
  return {
    cause: "unsupported_algorithm",
    message: `${matches ? "Correctly signed" : "Signed"} with ${algorithm}, not allowed: allow it with algorithms: [${list}].`,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
