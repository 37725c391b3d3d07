// Deno through what JSR publishes: the TypeScript sources that packages/core/jsr.json exports,
// loaded as JSR serves them (no build, no export conditions): the node:crypto engine.

import jsr from "../../core/jsr.json" with { type: "json" };
import * as core from "../../core/src/index.ts";
import * as request from "../../core/src/request/index.ts";
import { registerSuite } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

const runtime = runtimeById("deno-jsr");
const exported = jsr.exports as Record<string, string>;
const resolved = import.meta.resolve("../../core/src/index.ts");
const resolvedRequest = import.meta.resolve("../../core/src/request/index.ts");
// The files imported above are the ones jsr.json publishes as `.` and `./request`.
for (const [entry, url] of [
  [".", resolved],
  ["./request", resolvedRequest],
] as const) {
  const published = exported[entry]?.replace(/^\.\//, "/core/");
  if (!published || !url.endsWith(published)) {
    throw new Error(`jsr.json exports ${entry} as ${exported[entry]}, the runner imports ${url}`);
  }
}

registerSuite(
  (name, fn) => Deno.test(name, fn),
  { core, request, runtime },
  { version: Deno.version.deno, resolved, resolvedRequest },
);
