import { Buffer, isAscii, isUtf8, transcode } from "node:buffer";

const strict = new TextDecoder("utf-8", { fatal: true });
// Deno's node:buffer implements `transcode` in JavaScript: 3 to 4 times slower there than its
// TextDecoder on text outside ASCII, so Deno keeps only the ASCII path (4 times faster than
// TextDecoder on ASCII JSON) and decodes the rest with TextDecoder.
const icu = "Deno" in globalThis ? undefined : transcode;

/**
 * Largest text converted with ICU. `transcode` hands back a UTF-16 copy of the body outside V8's
 * heap, twice its size, that lives until the next garbage collection: measured at 64 KiB under
 * load, it raised an Express receiver's peak RSS to 1.15x the hand-written one's. Above this size
 * `Buffer#toString` converts directly, as the hand-written receiver does (1.01x).
 */
export const ICU_MAX_BYTES = 16 * 1024;

/** Which decoder {@link decodeUtf8} uses for text outside ASCII in this runtime, for the tests. */
export const UTF8_DECODER = typeof icu === "function" ? "node:buffer" : "TextDecoder";

/**
 * Decodes UTF-8 strictly, as `new TextDecoder("utf-8", { fatal: true })` does: a leading byte
 * order mark is dropped, and malformed input throws a `TypeError` instead of becoming U+FFFD.
 *
 * This is the `node` build. Node's own decoding (TextDecoder and `Buffer#toString` alike) runs
 * near 400 MB/s on text outside ASCII; validating with simdutf (`isUtf8`) and converting with
 * ICU (`transcode`) is 1.3 to 5 times faster (most on long text outside ASCII), and ASCII
 * needs no conversion at all. Text above {@link ICU_MAX_BYTES} is converted by `Buffer#toString`
 * once validated, to keep memory flat. Deno, which gets this build too, decodes ASCII the same way and
 * the rest with TextDecoder, its fastest there.
 *
 * @example
 * ```ts
 * decodeUtf8(new TextEncoder().encode('{"summary":"Żółw 🐢"}')); // '{"summary":"Żółw 🐢"}'
 * decodeUtf8(Uint8Array.of(0xff)); // throws TypeError
 * ```
 */
export function decodeUtf8(bytes: Uint8Array): string {
  // `?? bytes`: JavaScript callers may hand over a bare ArrayBuffer, which TextDecoder takes.
  const view = Buffer.from(bytes.buffer ?? bytes, bytes.byteOffset, bytes.byteLength);
  if (isAscii(view)) return view.toString("latin1");
  // TextDecoder answers where this path cannot or need not: Deno, a runtime without
  // `transcode`, malformed input (its own TypeError), and a body that may start with a byte
  // order mark (which it drops).
  if (!icu || !isUtf8(view) || view[0] === 0xef) return strict.decode(view);
  if (view.byteLength > ICU_MAX_BYTES) return view.toString("utf8"); // valid UTF-8, no BOM
  return icu(view, "utf8", "utf16le").toString("utf16le");
}
