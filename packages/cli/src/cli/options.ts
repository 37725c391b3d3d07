import type { Algorithm } from "@hubsig/core";
import { UsageError } from "./errors.js";

const ALGORITHMS: readonly Algorithm[] = ["sha1", "sha256", "sha384", "sha512"];

/**
 * A signature method name, case-insensitive.
 *
 * @example
 * ```ts
 * toAlgorithm("SHA512", "--algorithm"); // "sha512"
 * ```
 */
export function toAlgorithm(value: string, option: string): Algorithm {
  const name = value.trim().toLowerCase() as Algorithm;
  if (!ALGORITHMS.includes(name)) {
    throw new UsageError(`${option}: unknown method "${value}" (use ${ALGORITHMS.join(", ")})`);
  }
  return name;
}

/**
 * A whole number within bounds, written in decimal digits only.
 *
 * @example
 * ```ts
 * toWholeNumber("3", "--retry", 0, 1000); // 3
 * ```
 */
export function toWholeNumber(value: string, option: string, min: number, max: number): number {
  const number = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

/**
 * An `http:` or `https:` URL.
 *
 * @example
 * ```ts
 * toUrl("http://127.0.0.1:3000/webhooks").port; // "3000"
 * ```
 */
export function toUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`bad URL "${value}": expected http://host[:port]/path`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`bad URL "${value}": only http: and https: are supported`);
  }
  return url;
}
