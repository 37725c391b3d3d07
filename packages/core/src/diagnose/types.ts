import type { VerifyResult } from "../verify/types.ts";

/**
 * Why a signature probably failed, as found by {@link diagnose}. Header problems first, then the
 * transformations under which the signature would have matched.
 *
 * @example
 * ```ts
 * const cause: DiagnosisCause = "secret_whitespace";
 * ```
 */
export type DiagnosisCause =
  /** The header is absent or blank. */
  | "missing_signature"
  /** The header is not `method=hex` with the method's digest length. */
  | "malformed_signature"
  /** The method is unknown, or not in `algorithms`. */
  | "unsupported_algorithm"
  /** The body matches once re-serialized as JSON: a parsed body was stringified before hashing. */
  | "body_reserialized"
  /** The body matches with a final `\n` or `\r\n` added or removed. */
  | "trailing_newline"
  /** The body matches with CRLF and LF line endings swapped. */
  | "line_endings"
  /** The body matches after a Latin-1 or lossy UTF-8 decode and re-encode. */
  | "lossy_decoding"
  /** The signature matches once the secret is trimmed of surrounding whitespace. */
  | "secret_whitespace"
  /** The secret was meant as hex or base64 bytes rather than text, or the reverse. */
  | "secret_encoding";

/**
 * One probable cause with a one-sentence fix. Messages never contain a secret or a digest
 * computed with one.
 *
 * @example
 * ```ts
 * const finding: DiagnosisFinding = {
 *   cause: "trailing_newline",
 *   message: 'The signature matches these bytes with a final "\\n" removed: ...',
 * };
 * ```
 */
export interface DiagnosisFinding {
  cause: DiagnosisCause;
  message: string;
}

/**
 * What {@link diagnose} resolves to: the plain verification result and the probable causes of a
 * failure (none when `result.ok`, none for a forged signature).
 *
 * @example
 * ```ts
 * const { result, findings }: Diagnosis = await diagnose(body, header, { secret });
 * if (!result.ok) for (const finding of findings) console.warn(finding.cause, finding.message);
 * ```
 */
export interface Diagnosis {
  result: VerifyResult;
  findings: DiagnosisFinding[];
}

/** A transformed body or secret to try, with the finding it stands for when it matches. */
export interface Candidate<T> {
  cause: DiagnosisCause;
  value: T;
  message: string;
}
