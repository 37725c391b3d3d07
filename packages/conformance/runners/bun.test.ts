// Bun resolves `@hubsig/core` with its `bun` condition: the node:crypto engine.
import { test } from "bun:test";
import * as core from "@hubsig/core";
import * as request from "@hubsig/core/request";
import { registerSuite } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

registerSuite(
  test,
  { core, request, runtime: runtimeById("bun") },
  {
    version: Bun.version,
    resolved: import.meta.resolve("@hubsig/core"),
    resolvedRequest: import.meta.resolve("@hubsig/core/request"),
  },
);
