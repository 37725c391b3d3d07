import type { Algorithm } from "./types.ts";

/**
 * Keys prepared once for one list of secrets. The two engines (`hmac.ts` on `node:crypto`,
 * `hmac.web.ts` on WebCrypto) implement this; the build picks one per `exports` condition.
 */
export interface HmacKeys {
  /** Index of the first key whose HMAC of `data` equals `digest`, or -1. Constant-time per key. */
  match(algorithm: Algorithm, digest: Uint8Array, data: Uint8Array): number | Promise<number>;
  /** HMAC of `data` with the first key. */
  sign(algorithm: Algorithm, data: Uint8Array): Promise<Uint8Array>;
}

/** Prepares keys for the given secrets, current first. */
export type HmacEngine = (secrets: readonly Uint8Array[]) => HmacKeys;

/** The engine a build binds: `hmac.ts` is `node:crypto`, `hmac.web.ts` is `WebCrypto`. */
export type EngineName = "node:crypto" | "WebCrypto";
