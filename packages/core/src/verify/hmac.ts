import { createHmac, timingSafeEqual } from "node:crypto";
import type { EngineName, HmacEngine } from "./hmac-engine.ts";
import type { Algorithm } from "./types.ts";

// One-shot `crypto.hash` (Node 20.12+), looked up rather than imported by name so that older
// Node 20 releases still load this module; without it every body goes through createHmac.
const hash = process.getBuiltinModule?.("node:crypto").hash as
  | typeof import("node:crypto").hash
  | undefined;
/** The name {@link prepareKeys} goes by, marked on every verifier this build creates. */
export const ENGINE: EngineName = "node:crypto";

// Bodies up to this size are copied behind the pad; above it the copy costs more than it saves.
const SMALL = 8192;

/**
 * The `node`, `bun` and `deno` engine: `node:crypto` HMAC runs on the calling thread, several
 * times faster than awaiting WebCrypto for webhook-sized bodies, whose jobs hop to a thread pool
 * (Deno implements `node:crypto`, `crypto.hash` included, natively).
 *
 * A small sha256 body, nearly every delivery, takes RFC 2104 spelled out as two one-shot hashes
 * over pads prepared once: `createHmac` spends more on per-call setup and garbage than hashing a
 * few KiB costs. The work is synchronous, so the reused pad buffers are never shared by two calls.
 */
export const prepareKeys: HmacEngine = (secrets) => {
  // Per secret: [key ^ ipad, then room for a body], [key ^ opad, then room for the inner digest].
  const pads: Uint8Array[][] = [];
  const digestOf = (index: number, algorithm: Algorithm, data: Uint8Array): Uint8Array => {
    const secret = secrets[index] as Uint8Array;
    // Keys longer than the 64-byte block would first need hashing: rare, left to createHmac.
    if (!hash || algorithm !== "sha256" || data.length > SMALL || secret.length > 64) {
      return createHmac(algorithm, secret).update(data).digest();
    }
    const [inner, outer] = (pads[index] ??= [pad(secret, SMALL, 0x36), pad(secret, 32, 0x5c)]);
    (inner as Uint8Array).set(data, 64);
    (outer as Uint8Array).set(
      hash(algorithm, (inner as Uint8Array).subarray(0, 64 + data.length), "buffer"),
      64,
    );
    return hash(algorithm, outer as Uint8Array, "buffer");
  };
  return {
    match(algorithm, digest, data) {
      for (let index = 0; index < secrets.length; index++) {
        // Lengths are equal: the parser accepts only the method's digest length.
        if (timingSafeEqual(digestOf(index, algorithm, data), digest)) return index;
      }
      return -1;
    },
    async sign(algorithm, data) {
      return digestOf(0, algorithm, data);
    },
  };
};

// The key xor-ed into one 64-byte block of `mask`, then `room` bytes for what is hashed after it.
function pad(key: Uint8Array, room: number, mask: number): Uint8Array {
  const bytes = new Uint8Array(64 + room).fill(mask, 0, 64);
  for (let i = 0; i < key.length; i++) bytes[i] = mask ^ (key[i] as number);
  return bytes;
}
