import table from "../runtimes.json" with { type: "json" };
import type { Runtime } from "./types.ts";

/**
 * Every runtime the suite runs in, as listed in `runtimes.json`.
 *
 * @example
 * ```ts
 * RUNTIMES.map((runtime) => runtime.id); // ["node", "node-web", "deno", ...]
 * ```
 */
export const RUNTIMES: readonly Runtime[] = table.runtimes as Runtime[];

/**
 * The row of `runtimes.json` for one runner; throws for an id that is not in the table, so a
 * runner cannot run without being listed in RUNTIMES.md.
 *
 * @example
 * ```ts
 * runtimeById("deno").engine; // "WebCrypto"
 * ```
 */
export function runtimeById(id: string): Runtime {
  const runtime = RUNTIMES.find((row) => row.id === id);
  if (!runtime) throw new Error(`runtimes.json has no runtime "${id}"`);
  return runtime;
}
