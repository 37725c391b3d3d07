import { createHash, createHmac, type Hash, timingSafeEqual } from "node:crypto";
import type { HmacEngine } from "./hmac-engine.js";
import type { Algorithm } from "./types.js";

/**
 * The `node` and `bun` engine: `node:crypto` HMAC runs on the calling thread, several times
 * faster than awaiting WebCrypto for webhook-sized bodies, whose jobs hop to the thread pool.
 */
export const prepareKeys: HmacEngine = (secrets) => {
  // Per secret and method, the hash states after the key ^ ipad and key ^ opad blocks (RFC 2104),
  // made on first use. A delivery copies them: cheaper than `createHmac` setting up from the key.
  const states = secrets.map(() => new Map<Algorithm, Hash[]>());
  const digestOf = (index: number, algorithm: Algorithm, data: Uint8Array): Buffer => {
    const prepared = states[index] as Map<Algorithm, Hash[]>;
    let pads = prepared.get(algorithm);
    if (!pads) prepared.set(algorithm, (pads = padStates(secrets[index] as Uint8Array, algorithm)));
    const [inner, outer] = pads as [Hash, Hash];
    return outer.copy().update(inner.copy().update(data).digest()).digest();
  };
  return {
    match(algorithm, digest, data) {
      for (let index = 0; index < secrets.length; index++) {
        // Lengths are equal: the parser accepts only the method's digest length.
        if (timingSafeEqual(digestOf(index, algorithm, data), digest)) return index;
      }
      return -1;
    },
    // Signing is rare and takes the plain path, which also keeps an independent HMAC in the tests.
    async sign(algorithm, data) {
      return createHmac(algorithm, secrets[0] as Uint8Array)
        .update(data)
        .digest();
    },
  };
};

function padStates(secret: Uint8Array, algorithm: Algorithm): Hash[] {
  const block = algorithm === "sha384" || algorithm === "sha512" ? 128 : 64;
  // A key longer than the block is replaced by its hash (RFC 2104, section 2).
  const key = secret.length > block ? createHash(algorithm).update(secret).digest() : secret;
  return [0x36, 0x5c].map((mask) => {
    const pad = new Uint8Array(block).fill(mask);
    for (let i = 0; i < key.length; i++) pad[i] = mask ^ (key[i] as number);
    return createHash(algorithm).update(pad);
  });
}
