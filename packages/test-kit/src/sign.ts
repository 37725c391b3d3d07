import { SECRET } from "./jira.ts";

const HASHES = { sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" } as const;

/**
 * Signs `body` the way a sender does (`<algorithm>=<hex>`), with WebCrypto rather than the code
 * under test, so it runs unchanged in Node.js and Deno.
 *
 * @example
 * const header = await signed(JIRA_BODY, PREVIOUS);
 */
export async function signed(
  body: string | Uint8Array<ArrayBuffer>,
  secret: string = SECRET,
  algorithm: keyof typeof HASHES = "sha256",
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: HASHES[algorithm] },
    false,
    ["sign"],
  );
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes));
  return `${algorithm}=${Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
