// Node.js through the `node` condition: what `import "@hubsig/core"` gives a Node user.
import * as core from "@hubsig/core";
import * as request from "@hubsig/core/request";
import { it } from "vitest";
import { registerSuite } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

registerSuite(
  it,
  { core, request, runtime: runtimeById("node") },
  {
    version: process.version,
    resolved: import.meta.resolve("@hubsig/core"),
    resolvedRequest: import.meta.resolve("@hubsig/core/request"),
  },
);
