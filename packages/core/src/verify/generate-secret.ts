/**
 * Options of {@link generateSecret}.
 *
 * @example
 * ```ts
 * const options: GenerateSecretOptions = { bytes: 48 };
 * ```
 */
export interface GenerateSecretOptions {
  /** Random bytes before encoding, 16 to 1024. Default 32 (256 bits). */
  bytes?: number;
}

/**
 * A new webhook secret from the platform's CSPRNG, base64url without padding: safe to paste
 * into Jira's secret field, an environment variable or a URL.
 *
 * @example
 * ```ts
 * import { generateSecret } from "@hubsig/core";
 *
 * const secret = generateSecret(); // 43 characters, 256 bits
 * ```
 */
export function generateSecret(options: GenerateSecretOptions = {}): string {
  const { bytes = 32 } = options;
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) {
    throw new TypeError("hubsig: `bytes` must be an integer from 16 to 1024");
  }
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = "";
  for (const byte of random) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
