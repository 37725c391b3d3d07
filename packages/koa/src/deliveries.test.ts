import * as core from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { isJiraEvent, type JiraEventOf, type JiraWebhookEvent } from "@hubsig/core/jira";
import type { WebhookFailureReport } from "@hubsig/core/request";
import { JIRA_BODY, post, postJira, SECRET, signed, TENANTS } from "@hubsig/test-kit";
import { closeAll, listen } from "@hubsig/test-kit/node-server";
import Router from "@koa/router";
import Koa3, { type Context, type Middleware } from "koa";
import Koa2 from "koa2";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { verifyWebhook, type WebhookState } from "./verify-webhook.js";

// Counts how often keys are prepared, through the adapter's own import of the core.
vi.mock("@hubsig/core", async (original) => {
  const actual = await original<typeof core>();
  return { ...actual, createVerifier: vi.fn(actual.createVerifier) };
});
const createVerifier = vi.mocked(core.createVerifier);

const MAJORS = [
  { major: 3, Koa: Koa3 },
  { major: 2, Koa: Koa2 as typeof Koa3 },
];

afterEach(closeAll);
beforeEach(() => {
  createVerifier.mockClear();
});

// Koa's own error path: an upstream middleware that catches what downstream throws.
const errorHandler: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    ctx.status = 500;
    ctx.body = { caught: error instanceof Error ? error.message : String(error) };
  }
};

describe.each(MAJORS)("Koa $major", ({ Koa }) => {
  async function serve(
    options: Partial<core.WebhookOptions<Context>>,
    handler: Middleware<WebhookState>,
    path = "/webhooks/jira",
  ) {
    const app = new Koa();
    app.silent = true;
    app.use(errorHandler);
    const router = new Router();
    router.post(path, verifyWebhook({ secret: SECRET, ...options }), handler);
    app.use(router.routes());
    return `${await listen(app.callback())}${path}`;
  }

  describe("dedupe", () => {
    it("throws TypeError at start-up for a bad dedupe option", () => {
      const store = memoryDeliveryStore();
      expect(() => verifyWebhook({ secret: SECRET, dedupe: { store, ttlMs: -1 } })).toThrow(
        TypeError,
      );
    });
  });

  describe("secrets per tenant", () => {
    const echo: Middleware<WebhookState> = (ctx) => {
      ctx.body = { secretIndex: ctx.state.webhook.secretIndex };
    };
    const byPath = (ctx: Context) => TENANTS[ctx.path.split("/").pop() ?? ""];

    async function tenantServer(secret: (ctx: Context) => unknown = byPath) {
      const options = { secret: secret as (ctx: Context) => string };
      return (await serve(options, echo, "/webhooks/:tenant")).replace("/:tenant", "");
    }

    it("verifies each tenant with its own secrets, rotation included", async () => {
      const base = await tenantServer();
      const acme = await postJira(`${base}/acme`, "acme-secret");
      expect(acme).toMatchObject({ status: 200, json: { secretIndex: 0 } });
      const globex = await postJira(`${base}/globex`, "globex-old");
      expect(globex).toMatchObject({ status: 200, json: { secretIndex: 1 } });
      const crossed = await postJira(`${base}/globex`, "acme-secret");
      expect(crossed).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
    });

    it("answers 401 for an unknown tenant, saying no secret is configured", async () => {
      const base = await tenantServer();
      const answer = await postJira(`${base}/initech`, "acme-secret");
      expect(answer).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
      expect(answer.json.message).toBe("No webhook secret is configured for this request.");
    });

    it("prepares keys once per distinct secret list and reuses them", async () => {
      const base = await tenantServer();
      for (let i = 0; i < 3; i++) {
        for (const [tenant, secret] of [
          ["acme", "acme-secret"],
          ["globex", "globex-new"],
        ]) {
          const answer = await postJira(`${base}/${tenant}`, secret);
          expect(answer.status).toBe(200);
        }
      }
      expect(createVerifier).toHaveBeenCalledTimes(2);
    });

    it("hands a throwing secret function to Koa's error handling (500, retried)", async () => {
      const base = await tenantServer(() => {
        throw new Error("tenant table down");
      });
      const answer = await postJira(`${base}/acme`, "acme-secret");
      expect(answer).toMatchObject({ status: 500, json: { caught: "tenant table down" } });
    });
  });

  describe("diagnose", () => {
    it("passes the findings to onFailure and never into the answer", async () => {
      const reports: WebhookFailureReport[] = [];
      const handler = vi.fn<Middleware<WebhookState>>();
      const url = await serve({ diagnose: true, onFailure: (f) => reports.push(f) }, handler);
      const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
      const response = await fetch(url, {
        method: "POST",
        body: pretty,
        headers: { "content-type": "application/json", "x-hub-signature": await signed(JIRA_BODY) },
      });
      const text = await response.text();
      expect(response.status).toBe(401);
      expect(Object.keys(JSON.parse(text))).toEqual(["error", "message"]);
      expect(text).not.toMatch(/findings|body_reserialized/);
      expect(reports[0]?.findings?.map((finding) => finding.cause)).toEqual(["body_reserialized"]);
      expect(handler).not.toHaveBeenCalled();
    });

    it("leaves findings out by default", async () => {
      const reports: WebhookFailureReport[] = [];
      const url = await serve({ onFailure: (f) => reports.push(f) }, vi.fn());
      const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
      await post(url, pretty, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(reports).toHaveLength(1);
      expect(reports[0]).not.toHaveProperty("findings");
    });
  });

  it("types ctx.state.webhook from verifyWebhook<T>; isJiraEvent narrows it", async () => {
    const app = new Koa();
    const router = new Router<WebhookState<JiraWebhookEvent>>();
    router.post("/webhooks/jira", verifyWebhook<JiraWebhookEvent>({ secret: SECRET }), (ctx) => {
      const { payload } = ctx.state.webhook;
      expectTypeOf(payload).toEqualTypeOf<JiraWebhookEvent | undefined>();
      if (isJiraEvent(payload, "jira:issue_updated")) {
        expectTypeOf(payload).toEqualTypeOf<JiraEventOf<"jira:issue_updated">>();
        ctx.body = { key: payload.issue.key };
      }
    });
    app.use(router.routes());
    const url = `${await listen(app.callback())}/webhooks/jira`;
    const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
    expect(answer).toMatchObject({ status: 200, json: { key: "HUB-7" } });
  });
});
