// workerd through Miniflare's HTTP server: the apps run inside workerd and every case sends
// real HTTP requests to its socket, so the socket-only cases (chunked bodies, a streamed
// oversize body, a client that hangs up) run too. dispatchFetch would not do: it goes through
// Miniflare's own client and cannot send a raw socket that hangs up mid-body.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { post } from "@hubsig/test-kit";
import type { ContractSetup } from "@hubsig/test-kit/contract";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import { build, type Metafile } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HONO_CASES } from "../hono-cases.ts";
import {
  type BridgeCall,
  type ContextView,
  decode,
  describeOptions,
  encode,
  type MountRequest,
} from "./wire.ts";

let miniflare: Miniflare | undefined;
let base = "";
let metafile: Metafile | undefined;

/** The functions of each contract mount, called from the worker by path. */
const mounts = new Map<number, Map<string, (...args: unknown[]) => unknown>>();
let mountCount = 0;

async function harness(request: Request): Promise<Response> {
  const call = decode<BridgeCall>(await request.text());
  const fn = mounts.get(call.mount)?.get(call.path);
  try {
    if (!fn) throw new Error(`no function ${call.path} in mount ${call.mount}`);
    return new Response(encode({ value: await fn(...call.args) }));
  } catch (error) {
    return new Response(encode({ thrown: error }));
  }
}

async function mountInWorker(request: MountRequest): Promise<void> {
  const response = await fetch(`${base}/__mount`, {
    method: "POST",
    body: JSON.stringify(request),
  });
  if (!response.ok) throw decode<Error>(await response.text());
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    // As wrangler resolves packages for a Worker: @hubsig/core's WebCrypto build.
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  metafile = bundle.metafile;
  miniflare = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]?.text ?? "",
    compatibilityDate: "2026-04-01",
    compatibilityFlags: ["enable_request_signal"],
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    serviceBindings: {
      HARNESS: (request: unknown) => harness(request as Request) as never,
    },
  });
  await miniflare.ready;
  base = (await miniflare.unsafeGetDirectURL()).origin;
}, 60_000);

afterAll(async () => {
  await miniflare?.dispose();
});

it("runs in workerd from miniflare 4.20260426.0 with the core's WebCrypto build", () => {
  const version = JSON.parse(
    readFileSync(new URL("../../node_modules/miniflare/package.json", import.meta.url), "utf8"),
  ).version;
  expect(version).toBe("4.20260426.0");
  const cores = Object.keys(metafile?.inputs ?? {}).filter((path) => /core\/dist\//.test(path));
  expect(cores.some((path) => /core\/dist\/web\.js$/.test(path))).toBe(true);
  expect(cores.some((path) => /core\/dist\/index\.js$/.test(path))).toBe(false);
});

describe("verifyWebhook in workerd", () => {
  describeAdapterContract({
    kind: "fetch",
    store: () => memoryDeliveryStore(),
    pathOf: (c: ContextView) => c.path,
    headerOf: (c: ContextView, name) => c.headers[name],
    async mount(setup: ContractSetup) {
      const id = ++mountCount;
      const functions = new Map<string, (...args: unknown[]) => unknown>();
      const errors: unknown[] = [];
      const answer = routeAnswers(setup);
      functions.set("route", (described) => {
        const { webhook, sameObject, headers } = described as {
          webhook: Parameters<typeof answer>[0];
          sameObject: boolean;
          headers: Record<string, string>;
        };
        return answer(
          webhook,
          sameObject ? webhook.payload : Symbol("not the payload"),
          (name) => headers[name],
        );
      });
      functions.set("error", (error) => errors.push(error));
      const options = describeOptions(setup.options ?? {}, (path, fn) => functions.set(path, fn));
      mounts.set(id, functions);
      await mountInWorker({ mount: id, options });
      const url = `${base}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
  });

  describe("Hono's body cache and middleware", () => {
    for (const c of HONO_CASES) {
      it(c.name, async () => {
        await mountInWorker({ mount: 0, scenario: c.scenario });
        await c.run(base);
      });
    }
  });
});
