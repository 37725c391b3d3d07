import { DIGEST_BYTES, isAlgorithm } from "./algorithms.ts";
import type { Algorithm, FailureReason } from "./types.ts";

/**
 * A parsed `method=hex` header value.
 *
 * @example
 * ```ts
 * const parsed: ParsedSignature = parseSignatureHeader("sha256=" + "ab".repeat(32));
 * ```
 */
export type ParsedSignature =
  | { ok: true; algorithm: Algorithm; digest: Uint8Array }
  | { ok: false; reason: FailureReason; message: string };

// A method is a short token; looking for "=" only this far bounds the work on hostile headers.
const MAX_METHOD_LENGTH = 16;
const METHOD_TOKEN = /^[a-z0-9-]+$/;

/**
 * Parses an `X-Hub-Signature` value (`method=hex`, WebSub §7.1) without checking it against any
 * secret. Surrounding whitespace is ignored, the method and the hex digits are case-insensitive,
 * and the hex must be exactly as long as the method's digest.
 *
 * @example
 * ```ts
 * const parsed = parseSignatureHeader(request.headers.get("x-hub-signature") ?? "");
 * if (parsed.ok) console.log(parsed.algorithm, parsed.digest.length); // "sha256" 32
 * else console.log(parsed.reason); // "malformed_signature", ...
 * ```
 */
export function parseSignatureHeader(value: string): ParsedSignature {
  const header = typeof value === "string" ? value.trim() : "";
  if (header === "") {
    return fail("missing_signature", "No signature: the signature header is absent or blank.");
  }
  const equals = header.slice(0, MAX_METHOD_LENGTH + 1).indexOf("=");
  if (equals < 1) return malformed();
  // Nearly every sender writes "sha256=": take the constant rather than copying and lowercasing.
  const method =
    equals === 6 && header.startsWith("sha256") ? "sha256" : header.slice(0, equals).toLowerCase();
  if (!isAlgorithm(method)) {
    return METHOD_TOKEN.test(method)
      ? fail("unsupported_algorithm", `Unsupported signature method "${method}".`)
      : malformed();
  }
  const length = DIGEST_BYTES[method];
  if (header.length - equals - 1 !== length * 2) {
    return fail(
      "malformed_signature",
      `Malformed signature: ${method} takes exactly ${length * 2} hex digits.`,
    );
  }
  const digest = new Uint8Array(length);
  for (let i = 0, at = equals + 1; i < length; i++, at += 2) {
    const high = hexValue(header.charCodeAt(at));
    const low = hexValue(header.charCodeAt(at + 1));
    if (high < 0 || low < 0) {
      return fail(
        "malformed_signature",
        "Malformed signature: the digest has a non-hex character.",
      );
    }
    digest[i] = (high << 4) | low;
  }
  return { ok: true, algorithm: method, digest };
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 32; // folds A-F onto a-f
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

function malformed(): ParsedSignature {
  return fail(
    "malformed_signature",
    "Malformed signature: expected method=hex, for example sha256=<64 hex digits>.",
  );
}

function fail(reason: FailureReason, message: string): ParsedSignature {
  return { ok: false, reason, message };
}
