// The worker that runs the suite inside workerd. It is bundled with esbuild and the conditions
// wrangler uses (workerd, worker, browser), so `@hubsig/core` resolves as in a deployed Worker.
import * as core from "@hubsig/core";
import * as request from "@hubsig/core/request";
import { observeEngine } from "../../src/cases/engine.ts";
import { CASES } from "../../src/cases.ts";
import { runtimeById } from "../../src/runtimes.ts";

// Set by the bundler (esbuild's `define`): the row of runtimes.json this Worker runs as.
declare const RUNTIME_ID: string;
const context = { core, request, runtime: runtimeById(RUNTIME_ID) };

export default {
  // GET /case?index=N runs one case; GET /engine says which HMAC engine the bundle uses.
  async fetch(incoming: Request): Promise<Response> {
    const url = new URL(incoming.url);
    if (url.pathname === "/engine") {
      // `process.getBuiltinModule` exists only with nodejs_compat, as node:crypto does.
      const nodeCrypto = Boolean(globalThis.process?.getBuiltinModule?.("node:crypto"));
      return Response.json({ engine: await observeEngine(core), nodeCrypto });
    }
    const conformanceCase = CASES[Number(url.searchParams.get("index"))];
    if (!conformanceCase)
      return Response.json({ ok: false, error: "no such case" }, { status: 404 });
    try {
      await conformanceCase.run(context);
      return Response.json({ ok: true, name: conformanceCase.name });
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return Response.json({ ok: false, name: conformanceCase.name, error: text });
    }
  },
};
