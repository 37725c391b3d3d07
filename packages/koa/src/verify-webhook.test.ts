import { createRequire } from "node:module";
import { sign, type WebhookFailure, type WebhookOptions } from "@hubsig/core";
import {
  chunked,
  endless,
  GITHUB_VECTOR,
  JIRA_BODY,
  PREVIOUS,
  post,
  SECRET,
  signed,
} from "@hubsig/test-kit";
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

  describe("deliveries", () => {
    it("accepts a Jira-shaped delivery with emoji and CJK text, byte for byte", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        payload: JSON.parse(JIRA_BODY),
        sameObject: true,
        rawBody: JIRA_BODY,
        algorithm: "sha256",
        secretIndex: 0,
        delivery: { retry: 0 },
      });
    });

    it("accepts the previous secret and reports secretIndex 1", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, PREVIOUS),
      });
      expect(answer.status).toBe(200);
      expect(answer.json.secretIndex).toBe(1);
    });

    it("accepts uppercase hex and an uppercase method", async () => {
      const url = await serve();
      const header = (await signed(JIRA_BODY)).toUpperCase();
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": header });
      expect(answer.status).toBe(200);
      expect(answer.json.algorithm).toBe("sha256");
    });

    it("reads a chunked body sent without Content-Length", async () => {
      const url = await serve();
      const answer = await post(url, chunked(JIRA_BODY), {
        "x-hub-signature": await signed(JIRA_BODY),
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        contentLength: null,
        transferEncoding: "chunked",
        rawBody: JIRA_BODY,
      });
    });

    it("surfaces X-Atlassian-Webhook-Identifier, -Retry and -Flow in webhook.delivery", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY),
        "X-Atlassian-Webhook-Identifier": "a7f3c1e2-5b4d-4c6e-9f8a-0123456789ab",
        "X-Atlassian-Webhook-Retry": "2",
        "X-Atlassian-Webhook-Flow": "Secondary",
      });
      expect(answer.json.delivery).toEqual({
        id: "a7f3c1e2-5b4d-4c6e-9f8a-0123456789ab",
        retry: 2,
        flow: "Secondary",
      });
    });

    it("verifies GitHub's published vector with header: x-hub-signature-256", async () => {
      const url = await serve({
        options: { secret: GITHUB_VECTOR.secret, header: "x-hub-signature-256" },
      });
      const answer = await post(url, GITHUB_VECTOR.body, {
        "content-type": "text/plain",
        "X-Hub-Signature-256": GITHUB_VECTOR.header,
      });
      expect(answer.status).toBe(200);
      expect(answer.json.payload).toBe(GITHUB_VECTOR.body);
      // The default header is no longer read.
      const other = await post(url, GITHUB_VECTOR.body, {
        "content-type": "text/plain",
        "x-hub-signature": GITHUB_VECTOR.header,
      });
      expect(other.json.error).toBe("missing_signature");
    });

    it("accepts sha1 only when it is allowed", async () => {
      const header = await sign(JIRA_BODY, SECRET, "sha1");
      const refused = await post(await serve(), JIRA_BODY, { "x-hub-signature": header });
      expect(refused).toMatchObject({ status: 400, json: { error: "unsupported_algorithm" } });
      const url = await serve({ options: { algorithms: ["sha1", "sha256"] } });
      const allowed = await post(url, JIRA_BODY, { "x-hub-signature": header });
      expect(allowed.status).toBe(200);
      expect(allowed.json.algorithm).toBe("sha1");
    });
  });

  describe("refusals", () => {
    it("refuses a tampered body with 401 signature_mismatch", async () => {
      const url = await serve();
      const tampered = JIRA_BODY.replace("HUB-7", "HUB-8");
      const answer = await post(url, tampered, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(401);
      expect(answer.json.error).toBe("signature_mismatch");
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    });

    it("refuses a wrong secret with 401 signature_mismatch", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "not-the-secret"),
      });
      expect(answer).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
      expect(answer.json.message).not.toContain(SECRET);
    });

    it("refuses a missing header with 401 missing_signature", async () => {
      const answer = await post(await serve(), JIRA_BODY);
      expect(answer).toMatchObject({ status: 401, json: { error: "missing_signature" } });
    });

    it.each([
      ["no method", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"],
      ["no digest", "sha256="],
      ["no method name", `=${"a".repeat(64)}`],
      ["non-hex digits", `sha256=${"g".repeat(64)}`],
      ["a 0x prefix", `sha256=0x${"a".repeat(62)}`],
      ["one digit short", `sha256=${"a".repeat(63)}`],
      ["one byte long", `sha256=${"a".repeat(66)}`],
      ["trailing junk", `sha256=${"a".repeat(64)} extra`],
      ["a colon", `sha256:${"a".repeat(64)}`],
      ["a sha1 length under sha256", `sha256=${"a".repeat(40)}`],
      ["an 8 KB digest", `sha256=${"a".repeat(8192)}`],
    ])("refuses a header with %s as 400 malformed_signature", async (_case, header) => {
      const answer = await post(await serve(), JIRA_BODY, { "x-hub-signature": header });
      expect(answer).toMatchObject({ status: 400, json: { error: "malformed_signature" } });
    });

    it("refuses an unknown method with 400 unsupported_algorithm", async () => {
      const answer = await post(await serve(), JIRA_BODY, {
        "x-hub-signature": `md5=${"a".repeat(32)}`,
      });
      expect(answer).toMatchObject({ status: 400, json: { error: "unsupported_algorithm" } });
    });

    it("refuses a valid signature over invalid JSON with 400 invalid_json", async () => {
      const body = '{"webhookEvent": "jira:issue_created",';
      const answer = await post(await serve(), body, { "x-hub-signature": await signed(body) });
      expect(answer).toMatchObject({ status: 400, json: { error: "invalid_json" } });
    });

    it("refuses Content-Encoding: gzip with 415", async () => {
      const answer = await post(await serve(), JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY),
        "content-encoding": "gzip",
      });
      expect(answer).toMatchObject({ status: 415, json: { error: "unsupported_encoding" } });
    });

    it("answers 413 over maxBodyBytes, closes the connection, and still serves the next request", async () => {
      const url = await serve({ options: { maxBodyBytes: 1024 } });
      const declared = await post(url, "x".repeat(64 * 1024), { "x-hub-signature": "sha256=00" });
      expect(declared).toMatchObject({ status: 413, json: { error: "body_too_large" } });
      expect(declared.headers.get("connection")).toBe("close");
      const streamed = await post(url, endless(), { "x-hub-signature": "sha256=00" });
      expect(streamed).toMatchObject({ status: 413, json: { error: "body_too_large" } });
      const next = await post(url, JIRA_BODY.slice(0, 1000), {
        "x-hub-signature": await signed(JIRA_BODY.slice(0, 1000)),
        "content-type": "text/plain",
      });
      expect(next.status).toBe(200);
    });

    it("calls onFailure with the failure and the Koa context, once per refusal", async () => {
      const calls: Array<[WebhookFailure, string]> = [];
      const url = await serve({
        options: { onFailure: (failure, ctx) => calls.push([failure, ctx.path]) },
      });
      await post(url, JIRA_BODY);
      await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY, "wrong") });
      await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(calls.map(([failure, path]) => [failure.status, failure.reason, path])).toEqual([
        [401, "missing_signature", "/webhooks/jira"],
        [401, "signature_mismatch", "/webhooks/jira"],
      ]);
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
      expectTypeOf(ctx.state.webhook.payload.webhookEvent).toEqualTypeOf<string>();
    });
    expectTypeOf(middleware).toEqualTypeOf<Middleware<WebhookState<{ webhookEvent: string }>>>();
  });
});
