// The signature of a benchmark body, computed with node:crypto independently of every contender;
// Node and Deno run this, workerd gets the header from run.js.

import { createHmac } from "node:crypto";

/** `sha256=<hex>` for a body, computed independently of every contender. */
export function signatureFor(secret, body) {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
