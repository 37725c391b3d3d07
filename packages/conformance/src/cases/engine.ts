import { equal, ok } from "../assert.ts";
import type { Case, CoreModule, Engine } from "../types.ts";

/**
 * The key under which every verifier names the engine its build bound (`"node:crypto"` or
 * `"WebCrypto"`): a registered symbol, so it is not part of the typed API.
 *
 * @example
 * ```ts
 * (verifier as unknown as Record<symbol, unknown>)[ENGINE_MARKER]; // "node:crypto"
 * ```
 */
export const ENGINE_MARKER: unique symbol = Symbol.for("hubsig.engine");

/**
 * Which HMAC engine the loaded entry uses. Two observations that must agree: the engine the
 * verifier names under {@link ENGINE_MARKER}, and what it was seen to do (the WebCrypto engine
 * calls `crypto.subtle.verify`, the node:crypto engine never does).
 *
 * @example
 * ```ts
 * await observeEngine(await import("@hubsig/core")); // "node:crypto" on Node
 * ```
 */
export async function observeEngine(core: CoreModule): Promise<Engine> {
  const header = await core.sign("engine probe", "secret");
  const verifier = core.createVerifier({ secret: "secret" });
  const marked = (verifier as unknown as Record<symbol, unknown>)[ENGINE_MARKER];
  ok(
    marked === "node:crypto" || marked === "WebCrypto",
    `the verifier names its engine under Symbol.for("hubsig.engine"); got ${String(marked)}`,
  );
  const subtle = globalThis.crypto.subtle;
  const original = subtle.verify;
  let calls = 0;
  const spy: typeof subtle.verify = function (this: SubtleCrypto, ...args) {
    calls++;
    return original.apply(this, args);
  };
  Object.defineProperty(subtle, "verify", { value: spy, configurable: true, writable: true });
  try {
    const result = await verifier.verify("engine probe", header);
    equal(result.ok, true, "probe verifies");
  } finally {
    Reflect.deleteProperty(subtle, "verify");
  }
  equal(subtle.verify, original, "spy removed");
  equal(calls > 0 ? "WebCrypto" : "node:crypto", marked, "the engine that ran is the one named");
  return marked;
}

/**
 * The runtime resolved the entry listed for it in runtimes.json.
 *
 * @example
 * ```ts
 * for (const conformanceCase of engineCases) await conformanceCase.run(context);
 * ```
 */
export const engineCases: Case[] = [
  {
    name: "engine: the entry uses the engine runtimes.json lists for this runtime",
    async run({ core, runtime }) {
      equal(await observeEngine(core), runtime.engine, `engine in ${runtime.id}`);
    },
  },
];
