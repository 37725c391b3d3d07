// Deno: the shared contract and Hono's traps against real Deno.serve servers on port 0. The
// workspace packages resolve from pnpm's node_modules (deno.json: nodeModulesDir "manual"), and
// Deno picks the core's `deno` build (node:crypto).
import assert from "node:assert/strict";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { adapterContractCases, type ContractTarget } from "../../../test-kit/src/contract-cases.ts";
import { routeAnswers } from "../../../test-kit/src/harness.ts";
import { post } from "../../../test-kit/src/http.ts";
import { contextAccess, contractApp } from "../contract-app.ts";
import { HONO_CASES } from "../hono-cases.ts";
import { SCENARIOS } from "../scenarios.ts";

const servers: Deno.HttpServer[] = [];

function listen(app: { fetch: (request: Request) => Response | Promise<Response> }): string {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
  servers.push(server);
  return `http://127.0.0.1:${server.addr.port}`;
}

async function closeAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.shutdown()));
}

Deno.test("runs on deno 2.9.6", () => {
  assert.equal(Deno.version.deno, "2.9.6");
});

const target: ContractTarget = {
  kind: "fetch",
  store: () => memoryDeliveryStore(),
  ...contextAccess,
  async mount(setup) {
    const errors: unknown[] = [];
    const app = contractApp(setup.options ?? {}, routeAnswers(setup), (e) => errors.push(e));
    const url = `${listen(app)}/webhooks/jira`;
    return { url, errors, deliver: (body, headers) => post(url, body, headers) };
  },
};

for (const c of adapterContractCases("fetch")) {
  Deno.test(`contract: ${c.group}: ${c.name}`, async () => {
    try {
      await c.run(target);
    } finally {
      await closeAll();
    }
  });
}

for (const c of HONO_CASES) {
  Deno.test(`hono: ${c.name}`, async () => {
    try {
      await c.run(listen(SCENARIOS[c.scenario]()));
    } finally {
      await closeAll();
    }
  });
}
