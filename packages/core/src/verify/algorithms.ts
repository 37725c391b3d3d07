import type { Algorithm } from "./types.ts";

/** Digest length in bytes of each WebSub method (W3C WebSub §7.1). */
export const DIGEST_BYTES: Readonly<Record<Algorithm, number>> = {
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

/** Accepted when `algorithms` is not given: sha1 is weak and must be asked for. */
export const DEFAULT_ALGORITHMS: readonly Algorithm[] = ["sha256", "sha384", "sha512"];

/** True when `name` is one of the four WebSub methods, in lowercase. */
export function isAlgorithm(name: string): name is Algorithm {
  return Object.hasOwn(DIGEST_BYTES, name);
}
