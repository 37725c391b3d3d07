// Node.js through the WebCrypto entry a user can force with `@hubsig/core/web`.

import * as request from "@hubsig/core/request";
import * as core from "@hubsig/core/web";
import { it } from "vitest";
import { registerSuite } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

registerSuite(
  it,
  { core, request, runtime: runtimeById("node-web") },
  {
    version: process.version,
    resolved: import.meta.resolve("@hubsig/core/web"),
    resolvedRequest: import.meta.resolve("@hubsig/core/request"),
  },
);
