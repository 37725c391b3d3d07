import type { Candidate } from "./diagnose-types.js";

/**
 * Bodies larger than this get no body transformations (only secret checks): each candidate costs
 * one HMAC over the whole body, and the adapters refuse bodies over 1 MiB by default anyway.
 */
export const DIAGNOSE_MAX_BODY_BYTES = 1024 * 1024;

const utf8 = new TextEncoder();
const LF = 0x0a;
const CR = 0x0d;
const HASH_RAW = "hash the raw request bytes exactly as received";

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

const JSON_FORMS = [
  [0, "compact"],
  [2, "indented with 2 spaces"],
  [4, "indented with 4 spaces"],
] as const;

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
  for (const [indent, form] of JSON_FORMS) {
    const json = JSON.stringify(value, null, indent);
    const escaped = escapeNonAscii(json);
    yield reserializedAs(json, form);
    if (escaped !== json) yield reserializedAs(escaped, `${form}, non-ASCII escaped as \\uXXXX`);
  }
}

function reserializedAs(json: string, form: string): Candidate<Uint8Array> {
  return {
    cause: "body_reserialized",
    value: utf8.encode(json),
    message: `The signature matches this body re-serialized as JSON (${form}): a parsed body was stringified before hashing, so ${HASH_RAW} (verify before any JSON body parser runs, or turn the parser off for this route).`,
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
  const fix = `a newline was added or stripped on the way (an editor, echo, trim() or a log), so ${HASH_RAW}.`;
  if (body[n - 1] === LF) {
    const ending = body[n - 2] === CR ? "\\r\\n" : "\\n";
    yield {
      cause: "trailing_newline",
      value: body.subarray(0, n - ending.length / 2),
      message: `The signature matches these bytes with the final "${ending}" removed: ${fix}`,
    };
    return;
  }
  for (const ending of ["\\n", "\\r\\n"]) {
    const value = new Uint8Array(n + ending.length / 2);
    value.set(body);
    if (ending === "\\n") value[n] = LF;
    else value.set([CR, LF], n);
    yield {
      cause: "trailing_newline",
      value,
      message: `The signature matches these bytes with a final "${ending}" added: ${fix}`,
    };
  }
}

function* lineEndings(body: Uint8Array): Generator<Candidate<Uint8Array>> {
  let crlf = 0;
  let lone = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== LF) continue;
    if (body[i - 1] === CR) crlf++;
    else lone++;
  }
  const fix = `something converted line endings (a text-mode read, git autocrlf, a copy through an editor), so ${HASH_RAW}.`;
  if (crlf > 0) {
    yield {
      cause: "line_endings",
      value: replaceLineEndings(body, crlf, lone, false),
      message: `The signature matches these bytes with CRLF line endings turned into LF: ${fix}`,
    };
  }
  if (lone > 0) {
    yield {
      cause: "line_endings",
      value: replaceLineEndings(body, crlf, lone, true),
      message: `The signature matches these bytes with LF line endings turned into CRLF: ${fix}`,
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
  const fix =
    "read and hash the body as bytes (Buffer, ArrayBuffer), never as a string in a guessed encoding.";
  yield {
    cause: "lossy_decoding",
    value: utf8.encode(latin1(body)),
    message: `The signature matches these bytes decoded as Latin-1 and re-encoded as UTF-8: ${fix}`,
  };
  const text = strictUtf8(body);
  if (text === undefined) {
    yield {
      cause: "lossy_decoding",
      value: utf8.encode(new TextDecoder("utf-8", { ignoreBOM: true }).decode(body)),
      message: `The signature matches these bytes decoded as UTF-8 with invalid sequences replaced by U+FFFD: ${fix}`,
    };
  } else if (!/[^\u0000-\u00ff]/.test(text)) {
    // The reverse: this text is what a Latin-1 decode and UTF-8 re-encode made of the signed bytes.
    yield {
      cause: "lossy_decoding",
      value: Uint8Array.from(text, (char) => char.charCodeAt(0)),
      message: `The signature matches the Latin-1 bytes of this text, so the body was decoded as Latin-1 and re-encoded as UTF-8 after signing: ${fix}`,
    };
  }
}

/** Each byte as the code point of the same value (ISO-8859-1, Node's `latin1`). */
function latin1(body: Uint8Array): string {
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
