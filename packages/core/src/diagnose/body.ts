import { toBytes } from "../verify/bytes.ts";
import type { Candidate } from "./types.ts";

/**
 * Bodies larger than this get no body transformations (only secret checks): each candidate costs
 * one HMAC over the whole body, and the adapters refuse bodies over 1 MiB by default anyway.
 *
 * @example
 * ```ts
 * if (body.byteLength > DIAGNOSE_MAX_BODY_BYTES) console.warn("only the secret will be diagnosed");
 * ```
 */
export const DIAGNOSE_MAX_BODY_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const RAW = "hash the raw body bytes as received";

/**
 * The bytes the sender may really have signed, derived from the bytes hashed here by the
 * transformations that break signatures in practice, at most 13 of them. Lazy, so that the
 * caller can stop early.
 */
export function* bodyCandidates(body: Uint8Array): Generator<Candidate<Uint8Array>> {
  if (body.length > DIAGNOSE_MAX_BODY_BYTES) return;
  // Byte-level edits first: when one of them explains a JSON body, it is the precise finding,
  // and the re-serialization giving the same bytes is then not hashed again.
  yield* trailingNewline(body);
  yield* lineEndings(body);
  yield* lossyDecoding(body);
  yield* reserialized(body);
}

function* reserialized(body: Uint8Array): Generator<Candidate<Uint8Array>> {
  const text = strictUtf8(body);
  // Only objects and arrays: a parser middleware never sees anything else, and this keeps plain
  // text bodies from being parsed at all.
  const first = text?.trimStart()[0];
  if (text === undefined || (first !== "{" && first !== "[")) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  for (const indent of [0, 2, 4]) {
    const form = indent ? `${indent}-space indent` : "compact";
    const json = JSON.stringify(value, null, indent);
    const escaped = escapeNonAscii(json);
    yield reserializedAs(json, form);
    if (escaped !== json) yield reserializedAs(escaped, `${form}, \\uXXXX escapes`);
  }
}

function reserializedAs(json: string, form: string): Candidate<Uint8Array> {
  return {
    cause: "body_reserialized",
    value: toBytes(json),
    message: `The signature matches the body re-serialized as JSON (${form}): ${RAW}, before any JSON parser.`,
  };
}

// Outside string literals JSON is ASCII, so escaping every non-ASCII code unit only touches strings.
function escapeNonAscii(json: string): string {
  return json.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function* trailingNewline(body: Uint8Array): Generator<Candidate<Uint8Array>> {
  const n = body.length;
  if (body[n - 1] === LF) {
    const crlf = body[n - 2] === CR;
    yield newline(body.subarray(0, n - (crlf ? 2 : 1)), crlf ? "\\r\\n" : "\\n", "removed");
    return;
  }
  for (const tail of [[LF], [CR, LF]]) {
    const value = new Uint8Array(n + tail.length);
    value.set(body);
    value.set(tail, n);
    yield newline(value, tail.length > 1 ? "\\r\\n" : "\\n", "added");
  }
}

function newline(value: Uint8Array, ending: string, how: string): Candidate<Uint8Array> {
  return {
    cause: "trailing_newline",
    value,
    message: `The signature matches with a final "${ending}" ${how}: ${RAW}.`,
  };
}

function* lineEndings(body: Uint8Array): Generator<Candidate<Uint8Array>> {
  let crlf = 0;
  let lone = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== LF) continue;
    if (body[i - 1] === CR) crlf++;
    else lone++;
  }
  for (const toCrlf of [false, true]) {
    if ((toCrlf ? lone : crlf) === 0) continue;
    const [from, to] = toCrlf ? ["LF", "CRLF"] : ["CRLF", "LF"];
    yield {
      cause: "line_endings",
      value: replaceLineEndings(body, crlf, lone, toCrlf),
      message: `The signature matches with ${from} line endings as ${to}: ${RAW}.`,
    };
  }
}

function replaceLineEndings(
  body: Uint8Array,
  crlf: number,
  lone: number,
  toCrlf: boolean,
): Uint8Array {
  const out = new Uint8Array(toCrlf ? body.length + lone : body.length - crlf);
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    if (byte === LF) {
      const afterCr = body[i - 1] === CR;
      if (toCrlf && !afterCr) out[at++] = CR;
      if (!toCrlf && afterCr) at--; // drops the CR just copied
    }
    out[at++] = byte;
  }
  return out;
}

function* lossyDecoding(body: Uint8Array): Generator<Candidate<Uint8Array>> {
  if (!body.some((byte) => byte >= 0x80)) return;
  const lossy = (value: Uint8Array, how: string): Candidate<Uint8Array> => ({
    cause: "lossy_decoding",
    value,
    message: `The signature matches the body ${how}: ${RAW}.`,
  });
  yield lossy(toBytes(latin1(body)), "decoded as Latin-1 and re-encoded as UTF-8");
  const text = strictUtf8(body);
  if (text === undefined) {
    const replaced = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
    yield lossy(toBytes(replaced), "with invalid UTF-8 replaced by U+FFFD");
  } else if (!/[^\u0000-\u00ff]/.test(text)) {
    // The reverse: this text is what a Latin-1 decode and UTF-8 re-encode made of the signed bytes.
    const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));
    yield lossy(bytes, "as the Latin-1 bytes of its text");
  }
}

/** Each byte as the code point of the same value (ISO-8859-1, Node's `latin1`). */
export function latin1(body: Uint8Array): string {
  let text = "";
  // In slices: spreading a whole megabyte into one call would overflow the stack.
  for (let at = 0; at < body.length; at += 8192) {
    text += String.fromCharCode(...body.subarray(at, at + 8192));
  }
  return text;
}

/** The UTF-8 text of `bytes`, or undefined when they are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
