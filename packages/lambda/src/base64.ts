import { Buffer } from "node:buffer";

/**
 * The length in bytes that a canonical base64 string of this length and padding decodes to, or
 * `undefined` when no canonical string has that length. Lets a body over the limit be refused
 * before it is decoded.
 */
export function decodedLength(text: string): number | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * Decodes standard, padded base64 (RFC 4648 section 4) as API Gateway, function URLs and ALB
 * write it, strictly: `undefined` for anything else (another alphabet, whitespace, a missing or
 * misplaced `=`, nonzero bits after the last byte). Node's own decoder skips what it does not
 * understand, which would hand the verifier bytes nobody sent; a string is accepted only when it
 * is exactly the encoding of the bytes it decodes to.
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (decodedLength(text) === undefined) return undefined;
  const bytes = Buffer.from(text, "base64");
  // Node's encoder writes canonical padded base64: a round trip that differs means the input
  // was not canonical. Both steps run in native code, so this costs a fraction of the HMAC.
  if (bytes.toString("base64") !== text) return undefined;
  // Small Buffers are slices of a shared pool: copy them, so that `rawBody.buffer` holds this
  // body and nothing else of the process.
  const own = bytes.buffer.byteLength === bytes.byteLength;
  return own ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);
}
