import type { Payload, Secret } from "./types.ts";

const utf8 = new TextEncoder();

/**
 * The bytes a payload or secret stands for. Views keep their own window into the buffer, so a
 * Buffer from Node's shared pool is read at its offset, never from the start of the pool.
 */
export function toBytes(value: Payload | Secret): Uint8Array {
  if (typeof value === "string") return utf8.encode(value);
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError("hubsig: expected a string, Uint8Array, ArrayBuffer or ArrayBuffer view");
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** Lowercase hex, as senders put it in the header. */
export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}
