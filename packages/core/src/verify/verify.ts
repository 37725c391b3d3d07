import { createVerifier } from "./create-verifier.ts";
import type { Payload, VerifyOptions, VerifyResult } from "./types.ts";

/**
 * Verifies one delivery in one call. It prepares keys on every call: servers should create a
 * verifier once with {@link createVerifier} and reuse it.
 *
 * @example
 * ```ts
 * import { verify } from "@hubsig/core";
 *
 * const result = await verify(rawBody, headers["x-hub-signature"], { secret: "It's a Secret to Everybody" });
 * if (result.ok) console.log(`signed with ${result.algorithm}`);
 * else console.log(`${result.reason}: ${result.message}`);
 * ```
 */
export function verify(
  payload: Payload,
  signatureHeader: string | null | undefined,
  options: VerifyOptions,
): Promise<VerifyResult> {
  return createVerifier(options).verify(payload, signatureHeader);
}
