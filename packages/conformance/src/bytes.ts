/**
 * Bytes from hex, for the known-answer vectors kept as data.
 *
 * @example
 * ```ts
 * fromHex("4869"); // Uint8Array [0x48, 0x69]
 * ```
 */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/**
 * UTF-8 bytes of a string.
 *
 * @example
 * ```ts
 * utf8("Hello, World!").length; // 13
 * ```
 */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
