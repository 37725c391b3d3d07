import { equal, ok } from "./assert.ts";
import { observeEngine } from "./cases/engine.ts";
import { CASES } from "./cases.ts";
import type { Context, Engine, Runtime } from "./types.ts";

/**
 * Prefix of the line each runner prints once every case passed; run-all.mjs reads it.
 *
 * @example
 * ```ts
 * const report = JSON.parse(line.slice(REPORT_PREFIX.length));
 * ```
 */
export const REPORT_PREFIX = "HUBSIG_CONFORMANCE ";

/**
 * A test registrar: vitest's `it`, `Deno.test`, `bun:test`'s `test`.
 *
 * @example
 * ```ts
 * const register: Register = (name, fn) => Deno.test(name, fn);
 * ```
 */
export type Register = (name: string, fn: () => Promise<void>) => void;

/**
 * What the runner itself saw about the runtime and how the package resolved.
 *
 * @example
 * ```ts
 * const observed: Observed = { version: Deno.version.deno, resolved: import.meta.resolve("@hubsig/core") };
 * ```
 */
export interface Observed {
  /** The runtime's own version string. */
  version: string;
  /** The URL or path `@hubsig/core` resolved to, where the runtime can tell. */
  resolved?: string;
  /** The URL or path `@hubsig/core/request` resolved to, where the runtime can tell. */
  resolvedRequest?: string;
}

/**
 * Registers every case, then a last test that checks the runtime against its row of
 * runtimes.json and prints the report line.
 *
 * @example
 * ```ts
 * registerSuite((name, fn) => Deno.test(name, fn), { core, request, runtime: runtimeById("deno") }, {
 *   version: Deno.version.deno,
 *   resolved: import.meta.resolve("@hubsig/core"),
 *   resolvedRequest: import.meta.resolve("@hubsig/core/request"),
 * });
 * ```
 */
export function registerSuite(register: Register, context: Context, observed: Observed): void {
  let passed = 0;
  for (const conformanceCase of CASES) {
    register(conformanceCase.name, async () => {
      await conformanceCase.run(context);
      passed++;
    });
  }
  register(`report: ${context.runtime.id} ran every case`, async () => {
    report(context.runtime, observed, passed, await observeEngine(context.core));
  });
}

/**
 * The closing check, shared with runners that drive the cases from outside (workerd): the
 * engine, version and resolved file match the runtime's row, and every case passed.
 *
 * @example
 * ```ts
 * report(runtimeById("workerd"), { version: "workerd 2026-04-26" }, CASES.length, "WebCrypto");
 * ```
 */
export function report(runtime: Runtime, observed: Observed, passed: number, engine: Engine): void {
  equal(engine, runtime.engine, "engine");
  ok(
    versionListed(observed.version, runtime.version),
    `${runtime.id} reports version ${observed.version}, runtimes.json lists ${runtime.version}`,
  );
  const inCore = (path: string, file: string) =>
    path.endsWith(`/core/${file}`) || path.endsWith(`/@hubsig/core/${file}`);
  if (observed.resolved !== undefined) {
    ok(
      inCore(observed.resolved, runtime.resolves),
      `@hubsig/core resolved to ${observed.resolved}, runtimes.json lists ${runtime.resolves}`,
    );
  }
  if (observed.resolvedRequest !== undefined) {
    ok(
      inCore(observed.resolvedRequest, runtime.resolvesRequest),
      `@hubsig/core/request resolved to ${observed.resolvedRequest}, runtimes.json lists ${runtime.resolvesRequest}`,
    );
  }
  equal(passed, CASES.length, "cases passed");
  const line = {
    id: runtime.id,
    version: observed.version,
    engine,
    resolved: observed.resolved ?? runtime.resolves,
    resolvedRequest: observed.resolvedRequest ?? runtime.resolvesRequest,
    cases: CASES.length,
    passed,
  };
  console.log(`${REPORT_PREFIX}${JSON.stringify(line)}`);
}

/**
 * Whether a runtime's own version is one that runtimes.json lists: `listed` is one version or a
 * comma-separated list ("20, 22, 24, 26"), each matching itself and its releases ("24" matches
 * "v24.22.3", not "v240.1"); an empty entry matches any version.
 *
 * @example
 * ```ts
 * versionListed("v24.22.3", "20, 22, 24, 26"); // true
 * versionListed("v23.1.0", "20, 22, 24, 26"); // false
 * ```
 */
export function versionListed(observed: string, listed: string): boolean {
  const version = observed.replace(/^v/, "");
  return listed
    .split(",")
    .map((entry) => entry.trim())
    .some((entry) => entry === "" || version === entry || version.startsWith(`${entry}.`));
}
