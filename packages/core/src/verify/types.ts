/**
 * A WebSub signature method. `sha1` is accepted only when listed in
 * {@link VerifyOptions.algorithms}.
 *
 * @example
 * ```ts
 * const algorithms: Algorithm[] = ["sha256", "sha512"];
 * ```
 */
export type Algorithm = "sha1" | "sha256" | "sha384" | "sha512";

/**
 * An HMAC key. A string stands for its UTF-8 bytes, which is how Jira uses the secret you enter.
 *
 * @example
 * ```ts
 * const secret: Secret = process.env.JIRA_WEBHOOK_SECRET ?? "";
 * ```
 */
export type Secret = string | Uint8Array;

/**
 * The signed bytes. Views (Buffer, subarray, DataView) are read from their own `byteOffset` and
 * `byteLength`; a string stands for its UTF-8 bytes.
 *
 * @example
 * ```ts
 * const payload: Payload = new Uint8Array(await request.arrayBuffer());
 * ```
 */
export type Payload = Uint8Array | ArrayBufferView | ArrayBuffer | string;

/**
 * What a verifier accepts.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = {
 *   secret: [process.env.JIRA_WEBHOOK_SECRET!, process.env.JIRA_WEBHOOK_SECRET_PREVIOUS!],
 *   algorithms: ["sha256"],
 * };
 * ```
 */
export interface VerifyOptions {
  /** The secret, or several while rotating: the current one first, older ones after it. */
  secret: Secret | readonly Secret[];
  /** Methods accepted from the header. Default `["sha256", "sha384", "sha512"]`; sha1 is opt-in. */
  algorithms?: readonly Algorithm[];
}

/**
 * Why a signature was refused.
 *
 * @example
 * ```ts
 * const reason: FailureReason = "signature_mismatch";
 * ```
 */
export type FailureReason =
  /** The header is absent or blank. */
  | "missing_signature"
  /** Not `method=hex`, a wrong length for the method, or a non-hex digit. */
  | "malformed_signature"
  /** An unknown method, or one that is not in `algorithms`. */
  | "unsupported_algorithm"
  /** Well formed, and no secret gives this signature. */
  | "signature_mismatch";

/**
 * The outcome of a verification: a value, never an exception.
 *
 * @example
 * ```ts
 * const result: VerifyResult = await verifier.verify(body, header);
 * if (!result.ok) console.warn(result.reason, result.message);
 * ```
 */
export type VerifyResult =
  | { ok: true; algorithm: Algorithm; secretIndex: number }
  | { ok: false; reason: FailureReason; message: string };

/**
 * A verifier with its keys prepared once, to be reused for every delivery.
 *
 * @example
 * ```ts
 * const verifier: Verifier = createVerifier({ secret: "It's a Secret to Everybody" });
 * const result = await verifier.verify("Hello, World!", request.headers.get("x-hub-signature"));
 * ```
 */
export interface Verifier {
  /** Checks `signatureHeader` (`method=hex`) against the HMAC of `payload`. Never throws for bad input. */
  verify(payload: Payload, signatureHeader: string | null | undefined): Promise<VerifyResult>;
}
