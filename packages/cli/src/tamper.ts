const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * A copy of `body` with exactly one byte changed, so that a signature made before no longer
 * matches while the body stays the same length and, for JSON, stays valid JSON: the first ASCII
 * letter or digit of the first JSON string value (not a key, not inside an escape) has its case
 * swapped (a digit is bumped). A body that is not JSON gets its first letter or digit changed the
 * same way, or its last byte's lowest bit flipped; an empty body becomes one space.
 *
 * @example
 * ```ts
 * tamper(new TextEncoder().encode('{"a":"bc"}')); // bytes of '{"a":"Bc"}'
 * ```
 */
export function tamper(body: Uint8Array): Uint8Array {
  if (body.length === 0) return Uint8Array.of(0x20);
  const copy = body.slice();
  const at = firstValueCharacter(copy) ?? firstIndex(copy, 0, copy.length);
  if (at === undefined) copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 1;
  else copy[at] = swap(copy[at] as number);
  return copy;
}

function isAlphanumeric(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a);
}

function swap(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return 0x30 + ((byte - 0x30 + 1) % 10);
  return byte ^ 0x20; // a <-> A
}

function firstIndex(bytes: Uint8Array, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) if (isAlphanumeric(bytes[i] as number)) return i;
  return undefined;
}

/** Scans JSON strings; a string followed by ":" is a key, any other is a value. */
function firstValueCharacter(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] !== QUOTE) {
      i++;
      continue;
    }
    let candidate: number | undefined;
    let j = i + 1;
    for (; j < bytes.length && bytes[j] !== QUOTE; j++) {
      if (bytes[j] === BACKSLASH) {
        // Skip the escape: `\n` is one escape, `\u00e9` is the escape and four hex digits.
        j += bytes[j + 1] === 0x75 ? 5 : 1;
        continue;
      }
      if (candidate === undefined && isAlphanumeric(bytes[j] as number)) candidate = j;
    }
    let next = j + 1;
    while (next < bytes.length && isSpace(bytes[next] as number)) next++;
    if (candidate !== undefined && bytes[next] !== COLON) return candidate;
    i = j + 1;
  }
  return undefined;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
