import { toBytes, toHex } from "../verify/bytes.ts";
import type { Secret } from "../verify/types.ts";
import { latin1, strictUtf8 } from "./body.ts";
import type { Candidate } from "./types.ts";

/**
 * Only the first secrets of a rotation list are varied: older ones rarely hide the mistake.
 *
 * @example
 * ```ts
 * const varied = secrets.slice(0, DIAGNOSE_MAX_SECRETS); // the ones diagnose trims and decodes
 * ```
 */
export const DIAGNOSE_MAX_SECRETS = 4;

const HEX_TEXT = /^(?:[0-9a-fA-F]{2})+$/;
const WHITESPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/**
 * Keys the sender may really have used, derived from the configured secrets: trimmed, decoded
 * from hex or base64 text, or (for byte secrets) encoded as that text. At most 6 per secret,
 * for the first {@link DIAGNOSE_MAX_SECRETS} secrets; never an empty key.
 */
export function* secretCandidates(secrets: readonly Secret[]): Generator<Candidate<Uint8Array>> {
  const tried = secrets.slice(0, DIAGNOSE_MAX_SECRETS);
  for (const [index, secret] of tried.entries()) {
    const name = secrets.length > 1 ? `secret ${index}` : "the secret";
    const bytes = toBytes(secret);
    const trimmed = trim(bytes);
    if (trimmed.length > 0 && trimmed.length < bytes.length) {
      yield {
        cause: "secret_whitespace",
        value: trimmed,
        message: `The signature matches once ${name} is trimmed: trim it when loading it.`,
      };
    }
    const text = strictUtf8(bytes);
    if (text !== undefined && HEX_TEXT.test(text)) {
      yield decoded(name, "hex", fromHex(text));
    }
    const base64 = text === undefined ? undefined : fromBase64(text);
    if (base64 !== undefined && base64.length > 0) yield decoded(name, "base64", base64);
    if (typeof secret === "string") continue;
    // Byte secrets: the sender may have been given their text form and keyed with its UTF-8 bytes.
    for (const [form, encoded] of [
      ["hex", toHex(bytes)],
      ["base64", toBase64(bytes)],
      ["base64url", toBase64(bytes).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")],
    ] as const) {
      yield {
        cause: "secret_encoding",
        value: toBytes(encoded),
        message: `The signature matches with ${name} as its ${form} text: use that text as the secret.`,
      };
    }
  }
}

function decoded(name: string, form: "hex" | "base64", value: Uint8Array): Candidate<Uint8Array> {
  return {
    cause: "secret_encoding",
    value,
    message: `The signature matches with ${name} decoded from ${form}: decode it (Buffer.from(secret, "${form}")).`,
  };
}

function trim(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && WHITESPACE.has(bytes[start] as number)) start++;
  while (end > start && WHITESPACE.has(bytes[end - 1] as number)) end--;
  return bytes.subarray(start, end);
}

function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard or URL-safe base64, padded or not; undefined when it is not base64. */
function fromBase64(text: string): Uint8Array | undefined {
  try {
    // atob rejects anything but base64 (ASCII whitespace aside) and misplaced padding.
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}
