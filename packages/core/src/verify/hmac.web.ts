import type { EngineName, HmacEngine } from "./hmac-engine.ts";
import type { Algorithm } from "./types.ts";

/** The name {@link prepareKeys} goes by, marked on every verifier this build creates. */
export const ENGINE: EngineName = "WebCrypto";

const HASH_NAMES: Readonly<Record<Algorithm, string>> = {
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};

/**
 * The engine for browsers, workers (workerd) and edge runtimes: WebCrypto with non-extractable
 * `CryptoKey`s, imported once per secret and method, and `crypto.subtle.verify`, which compares
 * in constant time. In workerd it is faster than `node:crypto` even where `nodejs_compat` offers
 * that (`bench/RESULTS.md`), so workers get this engine with or without the flag.
 */
export const prepareKeys: HmacEngine = (secrets) => {
  const imported = new Map<Algorithm, Promise<CryptoKey[]>>();
  const keysFor = (algorithm: Algorithm): Promise<CryptoKey[]> => {
    let keys = imported.get(algorithm);
    if (!keys) {
      const params = { name: "HMAC", hash: HASH_NAMES[algorithm] };
      keys = Promise.all(
        secrets.map((secret) =>
          crypto.subtle.importKey("raw", secret as BufferSource, params, false, ["sign", "verify"]),
        ),
      );
      imported.set(algorithm, keys);
    }
    return keys;
  };
  return {
    async match(algorithm, digest, data) {
      const keys = await keysFor(algorithm);
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as CryptoKey;
        if (await crypto.subtle.verify("HMAC", key, digest as BufferSource, data as BufferSource)) {
          return index;
        }
      }
      return -1;
    },
    async sign(algorithm, data) {
      const [key] = await keysFor(algorithm);
      return new Uint8Array(
        await crypto.subtle.sign("HMAC", key as CryptoKey, data as BufferSource),
      );
    },
  };
};
