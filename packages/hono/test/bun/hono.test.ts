// Bun: the shared contract and Hono's traps against real Bun.serve servers on port 0. Bun
// resolves @hubsig/core with its `bun` condition (the node:crypto engine).
import { afterEach, expect, test } from "bun:test";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { adapterContractCases, type ContractTarget } from "../../../test-kit/src/contract-cases.ts";
import { routeAnswers } from "../../../test-kit/src/harness.ts";
import { post } from "../../../test-kit/src/http.ts";
import { contextAccess, contractApp } from "../contract-app.ts";
import { HONO_CASES } from "../hono-cases.ts";
import { SCENARIOS } from "../scenarios.ts";

const servers: Array<ReturnType<typeof Bun.serve>> = [];

function listen(app: { fetch: (request: Request) => Response | Promise<Response> }): string {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: app.fetch });
  servers.push(server);
  return `http://127.0.0.1:${server.port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop(true)));
});

test("runs on bun 1.4.5", () => {
  expect(Bun.version).toBe("1.4.5");
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
  test(`contract: ${c.group}: ${c.name}`, () => c.run(target), 15_000);
}

for (const c of HONO_CASES) {
  test(`hono: ${c.name}`, () => c.run(listen(SCENARIOS[c.scenario]())), 15_000);
}
