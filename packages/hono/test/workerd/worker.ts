// The worker of the workerd suite. The test process mounts an app (POST /__mount), then sends
// its requests over HTTP to workerd; every request for /webhooks/jira or /health goes to the
// app mounted last. For the shared contract, the functions of a case's setup (secret,
// onFailure, the delivery store, the route itself) stay in the test process: the worker calls
// them through the HARNESS service binding, which Miniflare serves from Node.
import type { ExecutionContext } from "hono";
import { contractApp } from "../contract-app.ts";
import { SCENARIOS, type ScenarioName } from "../scenarios.ts";
import { type BridgeResult, decode, encode, type MountRequest } from "./wire.ts";

interface Bindings {
  HARNESS: { fetch(request: Request): Promise<Response> };
}

type App = {
  fetch: (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>;
};

let current: App | undefined;

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/__mount") return mount((await request.json()) as MountRequest, env);
    if (!current) return new Response("nothing mounted", { status: 404 });
    return current.fetch(request, env, ctx);
  },
};

function mount(request: MountRequest, env: Bindings): Response {
  try {
    current = request.scenario
      ? SCENARIOS[request.scenario as ScenarioName]()
      : contractMount(request.mount, request.options, env);
    return Response.json({ ok: true });
  } catch (error) {
    return new Response(encode(error), { status: 500 });
  }
}

function contractMount(id: number, described: unknown, env: Bindings): App {
  // Reports (onFailure, errors) reach the test process before the answer does, as they would
  // in-process; the route and the store are awaited by whoever calls them, as usual.
  const reports: Promise<unknown>[] = [];
  const call = async (path: string, args: unknown[]): Promise<unknown> => {
    const response = await env.HARNESS.fetch(
      new Request("http://harness/call", {
        method: "POST",
        body: encode({ mount: id, path, args }),
      }),
    );
    const result = decode<BridgeResult>(await response.text());
    if ("thrown" in result) throw result.thrown;
    return result.value;
  };
  const options = revive(described, (path) => (...args: unknown[]) => {
    const called = call(path, args);
    if (path === "onFailure") reports.push(called.catch(() => {}));
    return called;
  }) as Record<string, unknown>;

  const app = contractApp(
    options,
    async (webhook, bodySlot, header) => {
      const headers: Record<string, string> = {};
      for (const name of ["content-length", "transfer-encoding"]) {
        const value = header(name);
        if (value !== undefined) headers[name] = value;
      }
      const answer = await call("route", [
        { webhook, sameObject: bodySlot === webhook.payload, headers },
      ]);
      return answer as Awaited<ReturnType<Parameters<typeof contractApp>[1]>>;
    },
    (error) => {
      reports.push(call("error", [error]).catch(() => {}));
    },
  );
  return {
    async fetch(request, env, ctx) {
      const response = await app.fetch(request, env, ctx);
      await Promise.all(reports.splice(0));
      return response;
    },
  };
}

function revive(value: unknown, proxy: (path: string) => (...args: unknown[]) => unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    const fn = (value as { $fn?: string }).$fn;
    if (typeof fn === "string") return proxy(fn);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, revive(item, proxy)]),
    );
  }
  return value;
}
