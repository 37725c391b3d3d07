import { isAlgorithm } from "./algorithms.ts";
import { toBytes, toHex } from "./bytes.ts";
import { prepareKeys } from "./hmac.ts";
import type { Algorithm, Payload, Secret } from "./types.ts";

/**
 * Signs a payload the way Jira and other WebSub senders do, for tests and for sending deliveries.
 * Resolves to the header value, `method=<lowercase hex>`.
 *
 * @example
 * ```ts
 * import { sign } from "@hubsig/core";
 *
 * const body = JSON.stringify({ webhookEvent: "jira:issue_created" });
 * await fetch(url, {
 *   method: "POST",
 *   body,
 *   headers: { "content-type": "application/json", "x-hub-signature": await sign(body, secret) },
 * });
 * ```
 */
export async function sign(
  payload: Payload,
  secret: Secret,
  algorithm: Algorithm = "sha256",
): Promise<string> {
  if (!isAlgorithm(algorithm)) throw new TypeError(`hubsig: unknown algorithm "${algorithm}"`);
  if (typeof secret !== "string" && !(secret instanceof Uint8Array)) {
    throw new TypeError("hubsig: the secret must be a string or a Uint8Array");
  }
  const key = toBytes(secret);
  if (key.length === 0) throw new TypeError("hubsig: the secret is empty");
  const digest = await prepareKeys([key]).sign(algorithm, toBytes(payload));
  return `${algorithm}=${toHex(digest)}`;
}
