import type * as Core from "@hubsig/core";
import type * as CoreRequest from "@hubsig/core/request";

/**
 * The main entry as one runtime resolved it (`@hubsig/core`, `@hubsig/core/web`, ...).
 *
 * @example
 * ```ts
 * const core: CoreModule = await import("@hubsig/core/web");
 * ```
 */
export type CoreModule = typeof Core;
/**
 * The engine-independent fetch pipeline, `@hubsig/core/request`.
 *
 * @example
 * ```ts
 * const request: RequestModule = await import("@hubsig/core/request");
 * ```
 */
export type RequestModule = typeof CoreRequest;

/**
 * The HMAC engine a runtime ended up with.
 *
 * @example
 * ```ts
 * const engine: Engine = await observeEngine(core);
 * ```
 */
export type Engine = "node:crypto" | "WebCrypto";

/**
 * What every case gets: the modules under test, loaded by the runner the way a user of that
 * runtime would load them, and the runtime's row of `runtimes.json`.
 *
 * @example
 * ```ts
 * const context: Context = { core, request, runtime: runtimeById("deno") };
 * ```
 */
export interface Context {
  core: CoreModule;
  request: RequestModule;
  runtime: Runtime;
}

/**
 * One conformance check. `run` throws (an `AssertionError`) when the runtime does not conform.
 *
 * @example
 * ```ts
 * const conformanceCase: Case = { name: "signs", run: async ({ core }) => void (await core.sign("x", "k")) };
 * ```
 */
export interface Case {
  name: string;
  run(context: Context): Promise<void> | void;
}

/**
 * A row of `runtimes.json`: where the suite runs and what it must observe there.
 *
 * @example
 * ```ts
 * const runtime: Runtime = runtimeById("bun"); // engine "node:crypto", resolves "dist/index.js"
 * ```
 */
export interface Runtime {
  id: string;
  runtime: string;
  /** Version prefix the runtime must report; empty when the system package decides it. */
  version: string;
  import: string;
  condition: string;
  /** The file `import` resolves to, relative to the core package. */
  resolves: string;
  /** The file `@hubsig/core/request` resolves to: the pipeline is built per engine too. */
  resolvesRequest: string;
  engine: Engine;
  runner: string;
  command: string[];
}
