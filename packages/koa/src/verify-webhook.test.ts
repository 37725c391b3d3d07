import { createRequire } from "node:module";
import type { WebhookOptions } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { JIRA_BODY, PREVIOUS, post, SECRET, signed } from "@hubsig/test-kit";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import { closeAll, listen } from "@hubsig/test-kit/node-server";
import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import Koa3, { type Context, type Middleware } from "koa";
import { koaBody } from "koa-body";
import koaBodyParser from "koa-bodyparser";
import Koa2 from "koa2";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { MOUNT_ORDER_FIX, verifyWebhook, type WebhookState } from "./verify-webhook.js";

const require = createRequire(import.meta.url);
const MAJORS = [
  { major: 3, Koa: Koa3 },
  { major: 2, Koa: Koa2 as typeof Koa3 },
];

afterEach(closeAll);

interface Setup {
  /** Middleware mounted with app.use() before the router, as a user might. */
  before?: Middleware[];
  options?: Partial<WebhookOptions<Context>>;
  handler?: Middleware<WebhookState>;
  /** Leave errors to Koa's default handler instead of an upstream try/catch. */
  uncaught?: (error: unknown) => void;
}

// The route answers what it was handed, so each case can check the whole contract.
const describeWebhook: Middleware<WebhookState> = (ctx) => {
  const { webhook } = ctx.state;
  const body = (ctx.request as { body?: unknown }).body;
  ctx.body = {
    payload: body,
    sameObject: body === webhook.payload,
    rawBody: Buffer.from(webhook.rawBody).toString("utf8"),
    algorithm: webhook.algorithm,
    secretIndex: webhook.secretIndex,
    delivery: webhook.delivery,
    contentLength: ctx.get("content-length") || null,
    transferEncoding: ctx.get("transfer-encoding") || null,
  };
};

// Koa's own error path: an upstream middleware that catches what downstream throws.
const errorHandler: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    ctx.status = 500;
    ctx.body = { caught: error instanceof Error ? error.message : String(error) };
  }
};

describe.each(MAJORS)("verifyWebhook on Koa $major", ({ major, Koa }) => {
  it(`runs on koa ${major}.x`, () => {
    const name = major === 3 ? "koa" : "koa2";
    expect(require(`${name}/package.json`).version).toMatch(new RegExp(`^${major}\\.`));
  });

  async function serve({
    before = [],
    options = {},
    handler = describeWebhook,
    uncaught,
  }: Setup = {}) {
    const app = new Koa();
    if (uncaught) {
      app.silent = true;
      app.on("error", uncaught);
    } else {
      app.use(errorHandler);
    }
    for (const middleware of before) app.use(middleware);
    const router = new Router();
    router.post(
      "/webhooks/jira",
      verifyWebhook({ secret: [SECRET, PREVIOUS], ...options }),
      handler,
    );
    app.use(router.routes());
    return `${await listen(app.callback())}/webhooks/jira`;
  }

  describeAdapterContract({
    kind: "node",
    store: () => memoryDeliveryStore(),
    pathOf: (ctx: Context) => ctx.path,
    headerOf: (ctx: Context, name) => ctx.get(name) || undefined,
    async mount(setup) {
      const errors: unknown[] = [];
      const answer = routeAnswers(setup);
      const app = new Koa();
      app.silent = true;
      app.on("error", (error) => errors.push(error));
      const router = new Router<WebhookState>();
      router.post(
        "/webhooks/jira",
        verifyWebhook({ secret: [SECRET, PREVIOUS], ...setup.options }),
        async (ctx) => {
          const body = (ctx.request as { body?: unknown }).body;
          const { status, body: json } = await answer(
            ctx.state.webhook as never,
            body,
            (h) => ctx.get(h) || undefined,
          );
          ctx.status = status;
          if (json !== undefined) ctx.body = json;
        },
      );
      app.use(router.routes());
      const url = `${await listen(app.callback())}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
  });

  describe('Jira "Exclude body" deliveries behind a body parser', () => {
    it.each([
      ["@koa/bodyparser", () => bodyParser()],
      ["koa-bodyparser", () => koaBodyParser()],
      ["koa-body with includeUnparsed", () => koaBody({ includeUnparsed: true })],
    ])("verify zero bytes behind %s and reach the route with no payload", async (_, parser) => {
      const url = await serve({ before: [parser()] });
      for (const headers of [{ "content-type": "application/json" }, { "content-type": "" }]) {
        const answer = await post(url, "", { ...headers, "x-hub-signature": await signed("") });
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        expect(answer.json).toMatchObject({ rawBody: "" });
        expect(answer.json.payload).toBeUndefined();
      }
      const forged = await post(url, "", { "x-hub-signature": await signed("", "wrong") });
      expect(forged).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
    });
  });

  describe("mount order", () => {
    it.each([
      ["@koa/bodyparser", () => bodyParser()],
      ["koa-bodyparser", () => koaBodyParser()],
      ["koa-body with includeUnparsed", () => koaBody({ includeUnparsed: true })],
    ])("works behind %s, from the raw body it keeps", async (_case, parser) => {
      const url = await serve({ before: [parser()] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ payload: JSON.parse(JIRA_BODY), rawBody: JIRA_BODY });
      const tampered = await post(url, JIRA_BODY.replace("東京", "大阪"), {
        "x-hub-signature": await signed(JIRA_BODY),
      });
      expect(tampered.json.error).toBe("signature_mismatch");
    });

    it("works behind a parser that keeps the text under Symbol.for('unparsedBody') (koa-body 6)", async () => {
      const koaBody6: Middleware = async (ctx, next) => {
        const parts: Buffer[] = [];
        for await (const part of ctx.req) parts.push(part as Buffer);
        const text = Buffer.concat(parts).toString("utf8");
        const body = JSON.parse(text);
        body[Symbol.for("unparsedBody")] = text;
        (ctx.request as { body?: unknown }).body = body;
        await next();
      };
      const url = await serve({ before: [koaBody6] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      expect(answer.json.rawBody).toBe(JIRA_BODY);
    });

    it.each([
      ["@koa/bodyparser", () => bodyParser()],
      ["koa-bodyparser", () => koaBodyParser()],
    ])("reads the stream itself when %s skips the content type", async (_case, parser) => {
      const url = await serve({ before: [parser()] });
      const body = "plain text, signed";
      const answer = await post(url, body, {
        "x-hub-signature": await signed(body),
        "content-type": "text/plain",
      });
      expect(answer.status).toBe(200);
      expect(answer.json.payload).toBe(body);
    });

    it("answers 500 body_unavailable with the fix behind koa-body without includeUnparsed", async () => {
      const url = await serve({ before: [koaBody()] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer).toMatchObject({ status: 500, json: { error: "body_unavailable" } });
      expect(answer.json.message).toContain(MOUNT_ORDER_FIX);
      expect(answer.json.message).toContain("includeUnparsed: true");
    });

    it("answers 500 at once, never hanging, when an earlier middleware drained ctx.req", async () => {
      const drain: Middleware = async (ctx, next) => {
        for await (const _chunk of ctx.req);
        await next();
      };
      const url = await serve({ before: [drain] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer).toMatchObject({ status: 500, json: { error: "body_unavailable" } });
    });
  });

  describe("errors", () => {
    it("lets an error thrown downstream reach an upstream error handler", async () => {
      const url = await serve({
        handler: () => {
          throw new Error("handler failed");
        },
      });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer).toMatchObject({ status: 500, json: { caught: "handler failed" } });
    });

    it("lets an error thrown downstream reach Koa's default handler and the app's error event", async () => {
      const errors: unknown[] = [];
      const url = await serve({
        uncaught: (error) => errors.push(error),
        handler: async () => {
          throw new Error("handler failed");
        },
      });
      const response = await fetch(url, {
        method: "POST",
        body: JIRA_BODY,
        headers: { "x-hub-signature": await signed(JIRA_BODY) },
      });
      expect(response.status).toBe(500);
      await response.text();
      expect(errors).toHaveLength(1);
      expect((errors[0] as Error).message).toBe("handler failed");
    });

    it("lets an error thrown by onFailure reach the error handler", async () => {
      const url = await serve({
        options: {
          onFailure: () => {
            throw new Error("logger down");
          },
        },
      });
      const answer = await post(url, JIRA_BODY);
      expect(answer).toMatchObject({ status: 500, json: { caught: "logger down" } });
    });

    it("lets its own read error reach the error handler when ctx.req was set to text mode", async () => {
      const textMode: Middleware = async (ctx, next) => {
        ctx.req.setEncoding("utf8");
        await next();
      };
      const url = await serve({ before: [textMode] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(500);
      expect(answer.json.caught).toMatch(/body chunks must be bytes/);
    });
  });
});

describe("verifyWebhook at start-up", () => {
  it.each([
    ["no secret", {}],
    ["an empty secret", { secret: "" }],
    ["an empty list", { secret: [] }],
    ["an unknown algorithm", { secret: SECRET, algorithms: ["md5"] }],
  ])("throws TypeError for %s", (_case, options) => {
    expect(() => verifyWebhook(options as WebhookOptions<Context>)).toThrow(TypeError);
  });

  it("types ctx.state.webhook through WebhookState", () => {
    const middleware = verifyWebhook<{ webhookEvent: string }>({ secret: SECRET });
    const router = new Router<WebhookState<{ webhookEvent: string }>>();
    router.post("/", middleware, (ctx) => {
      expectTypeOf(ctx.state.webhook.payload?.webhookEvent).toEqualTypeOf<string | undefined>();
    });
    expectTypeOf(middleware).toEqualTypeOf<Middleware<WebhookState<{ webhookEvent: string }>>>();
  });
});
