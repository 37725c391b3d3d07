// The verification contenders of the Deno run (verify-worker.js --contenders=deno, started under
// Deno by runtime-deno.js). Same inputs as on Node: the body as a Uint8Array and the
// `sha256=<hex>` header, each contender including the conversions it needs.

import { Buffer } from "node:buffer";
import { createHmac, timingSafeEqual } from "node:crypto";
// Resolved with Deno's `deno` condition, as a Deno user gets it: the node:crypto build.
import * as core from "@hubsig/core";
import * as coreWeb from "@hubsig/core/web";

/** The contender every other one is divided by: the hand-written node:crypto verify. */
export const BASELINE = "createHmac + timingSafeEqual";
/** The core as a Deno user imports it. */
export const CORE = "@hubsig/core (deno: node:crypto)";

/**
 * Prepares every contender for one secret. Each entry's `verify(body, header)` returns (or
 * resolves to) true when the signature is valid.
 */
export async function prepareContenders(secret) {
  const verifier = core.createVerifier({ secret });
  const engine = verifier[Symbol.for("hubsig.engine")];
  if (engine !== "node:crypto") {
    throw new Error(`@hubsig/core resolved to the ${engine} engine on Deno, not node:crypto`);
  }
  const webVerifier = coreWeb.createVerifier({ secret });
  const subtleKey = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );

  return [
    {
      name: CORE,
      verify: async (body, header) => (await verifier.verify(body, header)).ok,
      run: (body, header) => verifier.verify(body, header),
    },
    {
      // What Deno got before it was given the node:crypto build.
      name: "@hubsig/core/web (WebCrypto)",
      verify: async (body, header) => (await webVerifier.verify(body, header)).ok,
      run: (body, header) => webVerifier.verify(body, header),
    },
    {
      // The fastest verify by hand on Deno: Deno's node:crypto is native, WebCrypto is slower.
      name: BASELINE,
      baseline: true,
      verify: handWritten,
      run: handWritten,
    },
    {
      name: "crypto.subtle.verify (cached key)",
      verify: subtle,
      run: subtle,
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
}
