import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import type { WebhookOptions } from "@hubsig/core/request";
import {
  adapterContractCases,
  type ContractTarget,
  type Mounted,
} from "../../test-kit/src/contract-cases.ts";
import { routeAnswers } from "../../test-kit/src/harness.ts";
import { post } from "../../test-kit/src/http.ts";
import { PREVIOUS, SECRET } from "../test/deliveries.ts";
import { withVerifiedWebhook } from "./with-verified-webhook.ts";

/** Every server a case started, shut down when it ends. */
const servers: Deno.HttpServer[] = [];

/** The adapter behind a real `Deno.serve`; what `onError` sees is what reached Deno's error handling. */
const target: ContractTarget<Request> = {
  kind: "fetch",
  store: () => memoryDeliveryStore(),
  pathOf: (request) => new URL(request.url).pathname,
  headerOf: (request, name) => request.headers.get(name) ?? undefined,
  async mount(setup): Promise<Mounted> {
    const errors: unknown[] = [];
    const answer = routeAnswers(setup);
    const handler = withVerifiedWebhook(
      { secret: [SECRET, PREVIOUS], ...setup.options } as WebhookOptions<Request>,
      async (webhook, request) => {
        const { status, body } = await answer(webhook, webhook.payload, (h) =>
          request.headers.get(h),
        );
        return body === undefined
          ? new Response(null, { status })
          : Response.json(body, { status });
      },
    );
    const server = Deno.serve(
      {
        hostname: "127.0.0.1",
        port: 0,
        onListen() {},
        onError: (error) => {
          errors.push(error);
          return new Response(null, { status: 500 });
        },
      },
      handler,
    );
    servers.push(server);
    const url = `http://127.0.0.1:${server.addr.port}/webhooks/jira`;
    return { url, errors, deliver: (body, headers) => post(url, body, headers) };
  },
};

for (const c of adapterContractCases("fetch")) {
  Deno.test(`contract: ${c.group}: ${c.name}`, async () => {
    try {
      await c.run(target);
    } finally {
      await Promise.all(servers.splice(0).map((server) => server.shutdown()));
    }
  });
}
