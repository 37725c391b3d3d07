import { equal } from "../assert.ts";
import type { Case, CoreModule, Engine } from "../types.ts";

/**
 * Which HMAC engine the loaded entry uses, seen from outside: the WebCrypto engine calls
 * `crypto.subtle.verify`, the node:crypto engine never does.
 *
 * @example
 * ```ts
 * await observeEngine(await import("@hubsig/core")); // "node:crypto" on Node
 * ```
 */
export async function observeEngine(core: CoreModule): Promise<Engine> {
  const subtle = globalThis.crypto.subtle;
  const original = subtle.verify;
  let calls = 0;
  const spy: typeof subtle.verify = function (this: SubtleCrypto, ...args) {
    calls++;
    return original.apply(this, args);
  };
  Object.defineProperty(subtle, "verify", { value: spy, configurable: true, writable: true });
  try {
    const header = await core.sign("engine probe", "secret");
    const result = await core.verify("engine probe", header, { secret: "secret" });
    equal(result.ok, true, "probe verifies");
  } finally {
    Reflect.deleteProperty(subtle, "verify");
  }
  equal(subtle.verify, original, "spy removed");
  return calls > 0 ? "WebCrypto" : "node:crypto";
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
