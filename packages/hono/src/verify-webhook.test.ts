import { readFileSync } from "node:fs";
import { type ServerType, serve } from "@hono/node-server";
import type { VerifiedWebhook, WebhookOptions } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import type { JiraWebhookEvent } from "@hubsig/core/jira";
import { JIRA_BODY, post, SECRET, signed } from "@hubsig/test-kit";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import { type Context, Hono } from "hono";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { contextAccess, contractApp } from "../test/contract-app.ts";
import { HONO_CASES } from "../test/hono-cases.ts";
import { SCENARIOS } from "../test/scenarios.ts";
import { MOUNT_ORDER_FIX } from "./body-cache.ts";
import { verifyWebhook } from "./verify-webhook.ts";
import type { WebhookVariables } from "./webhook-env.ts";

const servers: ServerType[] = [];

/** Serves `app` with @hono/node-server on 127.0.0.1, port 0; returns its base URL. */
function listen(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  return new Promise<string>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          if ("closeAllConnections" in server) server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

it("runs on hono 4.13 and @hono/node-server 2.1", () => {
  // hono's exports map hides its package.json: read the installed copy.
  const version = (name: string) =>
    JSON.parse(
      readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8"),
    ).version;
  expect(version("hono")).toMatch(/^4\.13\./);
  expect(version("@hono/node-server")).toMatch(/^2\.1\./);
});

describe("verifyWebhook on @hono/node-server", () => {
  describeAdapterContract({
    kind: "fetch",
    store: () => memoryDeliveryStore(),
    ...contextAccess,
    async mount(setup) {
      const errors: unknown[] = [];
      const app = contractApp(setup.options ?? {}, routeAnswers(setup), (e) => errors.push(e));
      const url = `${await listen(app)}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
  });

  describe("Hono's body cache and middleware", () => {
    for (const c of HONO_CASES) {
      it(c.name, async () => c.run(await listen(SCENARIOS[c.scenario]())));
    }
  });

  it("passes the Hono context to onFailure and to a secret function", async () => {
    const seen: string[] = [];
    const app = new Hono();
    app.post(
      "/webhooks/:tenant",
      verifyWebhook({
        secret: (c) => (c.req.param("tenant") === "acme" ? SECRET : undefined),
        onFailure: (failure, c) => seen.push(`${c.req.path} ${failure.reason}`),
      }),
      (c) => c.text("ran"),
    );
    const base = await listen(app);
    const headers = { "x-hub-signature": await signed(JIRA_BODY) };
    expect((await post(`${base}/webhooks/acme`, JIRA_BODY, headers)).status).toBe(200);
    expect((await post(`${base}/webhooks/globex`, JIRA_BODY, headers)).status).toBe(401);
    expect(seen).toEqual(["/webhooks/globex signature_mismatch"]);
  });

  it("names the fix in MOUNT_ORDER_FIX", () => {
    expect(MOUNT_ORDER_FIX).toMatch(/Mount verifyWebhook\(\) before/);
    expect(MOUNT_ORDER_FIX).toContain('validator("json"');
  });
});

describe("verifyWebhook at start-up", () => {
  it.each([
    ["no secret", {}],
    ["an empty secret", { secret: "" }],
    ["an empty list", { secret: [] }],
    ["an unknown algorithm", { secret: SECRET, algorithms: ["md5"] }],
    ["replay without dedupe", { secret: SECRET, replay: {} }],
  ])("throws TypeError for %s", (_case, options) => {
    expect(() => verifyWebhook(options as WebhookOptions<Context>)).toThrow(TypeError);
  });
});

describe("types", () => {
  it("types c.get('webhook') in the route's handlers, through the middleware's Env", () => {
    const app = new Hono();
    app.post("/webhooks/jira", verifyWebhook<JiraWebhookEvent>({ secret: SECRET }), (c) => {
      expectTypeOf(c.get("webhook")).toEqualTypeOf<VerifiedWebhook<JiraWebhookEvent>>();
      expectTypeOf(c.var.webhook.payload).toEqualTypeOf<JiraWebhookEvent | undefined>();
      return c.body(null, 204);
    });
  });

  it("mounts on an app with its own Bindings and Variables without type arguments", () => {
    const app = new Hono<{ Bindings: { KV: string }; Variables: { user: string } }>();
    app.post("/webhooks/jira", verifyWebhook({ secret: SECRET }), (c) => {
      expectTypeOf(c.env.KV).toEqualTypeOf<string>();
      expectTypeOf(c.get("user")).toEqualTypeOf<string>();
      expectTypeOf(c.get("webhook")).toEqualTypeOf<VerifiedWebhook<unknown>>();
      return c.body(null, 204);
    });
  });

  it("types c.env in a secret function through the app's Env", () => {
    type Bindings = { JIRA_WEBHOOK_SECRET: string };
    const app = new Hono<{ Bindings: Bindings; Variables: WebhookVariables }>();
    app.use(
      "/webhooks/*",
      verifyWebhook<unknown, { Bindings: Bindings }>({
        secret: (c) => {
          expectTypeOf(c.env).toEqualTypeOf<Bindings>();
          return c.env.JIRA_WEBHOOK_SECRET;
        },
      }),
    );
    app.post("/webhooks/jira", (c) => {
      expectTypeOf(c.get("webhook")).toEqualTypeOf<VerifiedWebhook<unknown>>();
      return c.body(null, 204);
    });
  });
});
