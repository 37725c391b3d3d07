// The verification contenders. Each takes the body as a Uint8Array (what an adapter holds after
// reading a request) and the `sha256=<hex>` header value, and includes whatever conversion it
// needs from those: octokit takes a string, so its cost includes decoding the bytes.

import { createHmac, timingSafeEqual } from "node:crypto";
import * as coreNode from "@hubsig/core/node";
import * as coreWeb from "@hubsig/core/web";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hexToBytes } from "@noble/hashes/utils.js";
import { verify as octokitVerify } from "@octokit/webhooks-methods";
import XHubSignature from "x-hub-signature";

const utf8 = new TextEncoder();

/**
 * Prepares every contender for one secret. Each entry's `verify(body, header)` returns (or
 * resolves to) true when the signature is valid.
 */
export async function prepareContenders(secret) {
  const secretBytes = utf8.encode(secret);
  const nodeVerifier = coreNode.createVerifier({ secret });
  const webVerifier = coreWeb.createVerifier({ secret });
  const subtleKey = await crypto.subtle.importKey(
    "raw",
    secretBytes,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const xhub = new XHubSignature("sha256", secret);
  const decoder = new TextDecoder();

  return [
    {
      name: "@hubsig/core (node)",
      verify: async (body, header) => (await nodeVerifier.verify(body, header)).ok,
      run: (body, header) => nodeVerifier.verify(body, header),
    },
    {
      name: "@hubsig/core (web)",
      verify: async (body, header) => (await webVerifier.verify(body, header)).ok,
      run: (body, header) => webVerifier.verify(body, header),
    },
    {
      // What one would write by hand: the method prefix checked, hex decoded by Buffer, HMAC
      // keyed with the secret on every call, constant-time compare.
      name: "createHmac + timingSafeEqual",
      baseline: true,
      verify: handWritten,
      run: handWritten,
    },
    {
      name: "crypto.subtle.verify (cached key)",
      verify: subtle,
      run: subtle,
    },
    {
      name: "@octokit/webhooks-methods",
      verify: octokit,
      run: octokit,
    },
    {
      name: "x-hub-signature",
      verify: (body, header) => xhub.verify(header, body),
      run: (body, header) => xhub.verify(header, body),
    },
    {
      name: "@noble/hashes hmac",
      verify: noble,
      run: noble,
    },
  ];

  function handWritten(body, header) {
    if (!header.startsWith("sha256=")) return false;
    const expected = Buffer.from(header.slice(7), "hex");
    const actual = createHmac("sha256", secret).update(body).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  function subtle(body, header) {
    if (!header.startsWith("sha256=")) return false;
    const expected = Buffer.from(header.slice(7), "hex");
    return crypto.subtle.verify("HMAC", subtleKey, expected, body);
  }

  function octokit(body, header) {
    return octokitVerify(secret, decoder.decode(body), header);
  }

  function noble(body, header) {
    if (!header.startsWith("sha256=")) return false;
    let expected;
    try {
      expected = hexToBytes(header.slice(7));
    } catch {
      return false;
    }
    return constantTimeEqual(hmac(sha256, secretBytes, body), expected);
  }
}

// noble-hashes 2 exports no comparison: this is the usual xor-accumulate loop.
function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export { checkContenders, forgedSignature } from "./checks.js";
export { signatureFor } from "./signatures.js";
