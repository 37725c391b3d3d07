// What the Workers of the workerd run share (runtime-workerd.js bundles workerd-worker.js and
// workerd-worker-compat.js with the conditions wrangler uses and runs them in Miniflare's
// workerd): the contenders, and the two requests that check and run them.

// Resolved with the `workerd` condition, as a deployed Worker gets it.
import * as core from "@hubsig/core";
import { SECRET, verifyBodies } from "./bodies.js";
import { checkContenders } from "./checks.js";

/** The core as a Worker imports it. */
export const CORE = "@hubsig/core (workerd: WebCrypto)";
/** The contenders written by hand, of which the fastest on each body is the baseline. */
export const BY_HAND = ["crypto.subtle.verify (cached key)", "createHmac + timingSafeEqual"];

/**
 * The Worker, with `extra(secret)` adding contenders that need more than the web platform.
 * POST /check { label, header } checks every contender on that body and names them;
 * POST /run { label, header, contender, calls } runs one contender `calls` times and answers
 * the milliseconds it took by workerd's clock. runtime-workerd.js reads workerd's CPU time
 * around each /run.
 *
 * @example
 * ```js
 * export default benchWorker(async () => []);
 * ```
 */
export function benchWorker(extra) {
  let bodies;
  let prepared;
  const contenders = () => {
    prepared ??= prepareContenders(extra);
    return prepared;
  };
  return {
    async fetch(request) {
      const { pathname } = new URL(request.url);
      const { label, header, contender, calls } = await request.json();
      // Made once: building the 1 MiB body must not count in any /run.
      bodies ??= verifyBodies();
      const body = bodies.find((b) => b.label === label)?.body;
      if (!body) return Response.json({ errors: [`no body ${label}`] });
      const list = await contenders();
      if (pathname === "/check") {
        const errors = await checkContenders(list, body, header);
        return Response.json({ errors, contenders: list.map((c) => c.name) });
      }
      const run = list.find((c) => c.name === contender)?.run;
      if (!run) return Response.json({ errors: [`no contender ${contender}`] });
      const start = performance.now();
      for (let i = 0; i < calls; i++) {
        const result = run(body, header);
        if (typeof result?.then === "function") await result;
      }
      return Response.json({ errors: [], elapsedMs: performance.now() - start });
    },
  };
}

async function prepareContenders(extra) {
  const verifier = core.createVerifier({ secret: SECRET });
  const engine = verifier[Symbol.for("hubsig.engine")];
  if (engine !== "WebCrypto") throw new Error(`@hubsig/core bound ${engine} in workerd`);
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  // What one writes by hand in a Worker without flags: no Buffer, so the hex is decoded here.
  const subtle = (body, header) => {
    if (!header.startsWith("sha256=")) return false;
    const expected = hexBytes(header, 7);
    return expected ? crypto.subtle.verify("HMAC", key, expected, body) : false;
  };
  return [
    {
      name: CORE,
      verify: async (body, header) => (await verifier.verify(body, header)).ok,
      run: (body, header) => verifier.verify(body, header),
    },
    { name: BY_HAND[0], verify: subtle, run: subtle },
    ...(await extra(SECRET)),
  ];
}

function hexBytes(text, from) {
  const out = new Uint8Array((text.length - from) >> 1);
  for (let i = 0, at = from; i < out.length; i++, at += 2) {
    const high = nibble(text.charCodeAt(at));
    const low = nibble(text.charCodeAt(at + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

function nibble(code) {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
