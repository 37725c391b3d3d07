import { toBytes, toHex } from "./bytes.js";
import { strictUtf8 } from "./diagnose-body.js";
import type { Candidate } from "./diagnose-types.js";
import type { Secret } from "./types.js";

/** Only the first secrets of a rotation list are varied: older ones rarely hide the mistake. */
export const DIAGNOSE_MAX_SECRETS = 4;

const utf8 = new TextEncoder();
const HEX_TEXT = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64_TEXT = /^[A-Za-z0-9+/_-]+={0,2}$/;
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
        message: `The signature matches once ${name} is trimmed: it carries a newline or spaces (typical of a value read from a file or an env file), so trim it when you load it.`,
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
        value: utf8.encode(encoded),
        message: `The signature matches when ${name} is taken as the UTF-8 text of its ${form} encoding, not as raw bytes: configure that text as a string secret, since senders such as Jira key the HMAC with the text you typed.`,
      };
    }
  }
}

function decoded(name: string, form: "hex" | "base64", value: Uint8Array): Candidate<Uint8Array> {
  return {
    cause: "secret_encoding",
    value,
    message: `The signature matches when ${name} is taken as the bytes its ${form} text encodes, not as text: decode it when you load it (for example Buffer.from(secret, "${form}")), or give the sender the same text you configure here.`,
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
  if (!BASE64_TEXT.test(text) || text.replace(/=+$/, "").length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined; // padding in the wrong place
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
