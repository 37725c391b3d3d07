import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto";
import type { HmacEngine } from "./hmac-engine.js";

/**
 * The `node` and `bun` engine: `node:crypto` HMAC runs on the calling thread, several times
 * faster than awaiting WebCrypto for webhook-sized bodies, whose jobs hop to the thread pool.
 */
export const prepareKeys: HmacEngine = (secrets) => {
  const keys: KeyObject[] = secrets.map((secret) => createSecretKey(secret));
  return {
    match(algorithm, digest, data) {
      for (let index = 0; index < keys.length; index++) {
        const actual = createHmac(algorithm, keys[index] as KeyObject)
          .update(data)
          .digest();
        // Lengths are equal: the parser accepts only the method's digest length.
        if (timingSafeEqual(actual, digest)) return index;
      }
      return -1;
    },
    async sign(algorithm, data) {
      const digest = createHmac(algorithm, keys[0] as KeyObject)
        .update(data)
        .digest();
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    },
  };
};
