const strict = new TextDecoder("utf-8", { fatal: true });

/** Which decoder {@link decodeUtf8} is in this build, for the tests. */
export const UTF8_DECODER = "TextDecoder";

/**
 * Decodes UTF-8 strictly: a leading byte order mark is dropped, and malformed input throws a
 * `TypeError` instead of becoming U+FFFD. This is the `web` build, TextDecoder itself; the `node`
 * build gives the same answers faster.
 *
 * @example
 * ```ts
 * decodeUtf8(new TextEncoder().encode('{"summary":"Żółw 🐢"}')); // '{"summary":"Żółw 🐢"}'
 * decodeUtf8(Uint8Array.of(0xff)); // throws TypeError
 * ```
 */
export const decodeUtf8 = (bytes: Uint8Array): string => strict.decode(bytes);
