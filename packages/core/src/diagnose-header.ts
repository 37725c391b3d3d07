import { DIGEST_BYTES } from "./algorithms.js";
import type { DiagnosisFinding } from "./diagnose-types.js";
import type { Algorithm, FailureReason } from "./types.js";

const METHOD_BY_HEX_LENGTH = new Map(
  Object.entries(DIGEST_BYTES).map(([method, bytes]) => [bytes * 2, method]),
);
const EXAMPLE = "expected method=hex, for example sha256=<64 lowercase hex digits>";

/**
 * What is wrong with a header that did not parse, in words that name the fix. Never echoes the
 * header: every check is a bounded scan of it.
 */
export function headerFinding(
  header: string,
  reason: FailureReason,
  parserMessage: string,
): DiagnosisFinding {
  const value = header.trim();
  if (reason === "missing_signature") {
    return {
      cause: "missing_signature",
      message:
        "No signature header: give the webhook a secret at the sender (Jira signs only webhooks that have one) and read the header it sends (x-hub-signature; x-hub-signature-256 for GitHub).",
    };
  }
  if (reason === "unsupported_algorithm") {
    const method = value.slice(0, value.indexOf("=")).toLowerCase();
    return {
      cause: "unsupported_algorithm",
      message: `The sender uses the method "${method}", which WebSub does not define: configure it to sign with sha256, sha384 or sha512.`,
    };
  }
  return { cause: "malformed_signature", message: malformedMessage(value, parserMessage) };
}

function malformedMessage(value: string, parserMessage: string): string {
  const equals = value.indexOf("=");
  const hex = value.slice(equals + 1);
  const hexOnly = /^[0-9a-fA-F]+$/.test(hex);
  if (/^["']/.test(value)) {
    return `The header value is quoted: ${EXAMPLE}, so strip the quotes where the header is set or copied.`;
  }
  if (value.includes(",")) {
    return `The header holds several values joined by commas (a proxy or client merged repeated headers): ${EXAMPLE}, one value only.`;
  }
  if (equals < 0 && hexOnly && METHOD_BY_HEX_LENGTH.has(hex.length)) {
    return `The header holds bare hex without a method: prefix it with "${METHOD_BY_HEX_LENGTH.get(hex.length)}=" (or read x-hub-signature rather than a header that carries only the digest).`;
  }
  const method = value.slice(0, equals).toLowerCase() as Algorithm;
  const other = METHOD_BY_HEX_LENGTH.get(hex.length);
  if (equals > 0 && hexOnly && other !== undefined) {
    return `The digest has the length of a ${other} digest but the header says ${method}: the method prefix and the digest come from different algorithms, so sign and label with the same one.`;
  }
  // Base64 of a digest mixes cases; a hex digest with a typo does not.
  if (equals > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(hex) && /[a-z]/.test(hex) && /[A-Z]/.test(hex)) {
    return `The digest looks like base64, not hex: ${EXAMPLE}, so have the sender encode the digest as hex.`;
  }
  return `${parserMessage.slice(0, -1)}; check that the whole header value arrives unchanged, without truncation or extra characters.`;
}
