// Deno resolves `@hubsig/core` from node_modules ("nodeModulesDir": "manual" in deno.json) with
// the `deno` condition, as in any Deno project that has a package.json: the node:crypto build,
// which Deno runs natively.
import * as core from "@hubsig/core";
import * as request from "@hubsig/core/request";
import { registerSuite } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

registerSuite(
  (name, fn) => Deno.test(name, fn),
  { core, request, runtime: runtimeById("deno") },
  {
    version: Deno.version.deno,
    resolved: import.meta.resolve("@hubsig/core"),
    resolvedRequest: import.meta.resolve("@hubsig/core/request"),
  },
);
