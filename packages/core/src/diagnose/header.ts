import { DIGEST_BYTES } from "../verify/algorithms.ts";
import type { FailureReason } from "../verify/types.ts";
import type { DiagnosisFinding } from "./types.ts";

const METHOD_BY_HEX_LENGTH = new Map(
  Object.entries(DIGEST_BYTES).map(([method, bytes]) => [bytes * 2, method]),
);

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
  const equals = value.indexOf("=");
  if (reason === "missing_signature") {
    return {
      cause: reason,
      message:
        "No signature header: set a secret on the webhook at the sender, and read the header it signs with.",
    };
  }
  if (reason === "unsupported_algorithm") {
    return {
      cause: reason,
      message: `Unknown method "${value.slice(0, equals).toLowerCase()}": have the sender sign with sha256.`,
    };
  }
  const digest = value.slice(equals + 1);
  const lengthOf = /^[0-9a-fA-F]+$/.test(digest) && METHOD_BY_HEX_LENGTH.get(digest.length);
  let message = `${parserMessage.slice(0, -1)}; pass the header on unchanged.`;
  if (value.includes(",")) message = "Several values joined by commas: send one.";
  else if (lengthOf) {
    message =
      equals < 0
        ? `No method: prefix the hex with "${lengthOf}=".`
        : `A ${lengthOf} digest labelled ${value.slice(0, equals).toLowerCase()}: label it with the method that made it.`;
  }
  return { cause: "malformed_signature", message };
}
