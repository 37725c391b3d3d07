import { connect } from "node:net";
import { Writable } from "node:stream";
import type { VerifiedWebhook } from "@hubsig/core";
import type { JiraWebhookEvent } from "@hubsig/core/jira";
import type { WebhookFailureReport } from "@hubsig/core/request";
import { JIRA_BODY, post, SECRET, signed, TENANTS } from "@hubsig/test-kit";
import fastify5, { type FastifyInstance, type FastifyRequest } from "fastify";
import fastify4 from "fastify4";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { closeApps, start } from "../test/servers.js";
import defaultExport, { type FastifyWebhookOptions, type WebhookRequest } from "./index.js";
import { PARSER_CONFLICT_FIX, verifyWebhook } from "./verify-webhook.js";

const MAJORS = [
  { major: 5, fastify: fastify5 },
  { major: 4, fastify: fastify4 as typeof fastify5 },
];

afterEach(closeApps);

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sign = async (body: string, secret = SECRET) => ({
  "x-hub-signature": await signed(body, secret),
});

// What a webhook route answers: what the plugin handed it.
async function describeWebhook(request: FastifyRequest) {
  const webhook = request.webhook;
  return {
    verified: webhook !== undefined,
    body: request.body ?? null,
    sameObject: webhook !== undefined && request.body === webhook.payload,
    rawBody: webhook ? Buffer.from(webhook.rawBody).toString("utf8") : null,
    contentType: request.headers["content-type"] ?? null,
  };
}

/** Sends raw HTTP on a fresh socket and resolves with what came back before it closed. */
function rawExchange(url: string, request: string, waitMs = 1000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(text));
    setTimeout(() => socket.destroy(), waitMs);
  });
}

describe.each(MAJORS)("Fastify $major", ({ fastify }) => {
  /** An app with the webhook routes in a context of their own and a JSON route beside it. */
  async function serve(
    options: Partial<FastifyWebhookOptions> = {},
    extend: (webhooks: FastifyInstance, app: FastifyInstance) => void = () => {},
    app: FastifyInstance = fastify(),
  ) {
    app.post("/api/before", async (request) => ({ body: request.body ?? null }));
    app.register(async (webhooks) => {
      await webhooks.register(verifyWebhook, { secret: SECRET, ...options });
      webhooks.post("/webhooks/jira", describeWebhook);
      extend(webhooks, app);
    });
    app.post("/api/after", async (request) => ({ body: request.body ?? null }));
    return start(app);
  }

  describe("encapsulation", () => {
    it("verifies the routes of its context and leaves the routes beside it alone", async () => {
      const base = await serve();
      const verified = await post(`${base}/webhooks/jira`, JIRA_BODY, await sign(JIRA_BODY));
      expect(verified).toMatchObject({
        status: 200,
        json: { verified: true, body: JSON.parse(JIRA_BODY), sameObject: true, rawBody: JIRA_BODY },
      });
      for (const path of ["/api/before", "/api/after"]) {
        // Fastify's own JSON parser, no signature asked for.
        const other = await post(`${base}${path}`, '{"a":1}');
        expect(other).toMatchObject({ status: 200, json: { body: { a: 1 } } });
      }
      expect((await post(`${base}/webhooks/jira`, JIRA_BODY)).json.error).toBe("missing_signature");
    });

    it("applies to contexts registered inside its context", async () => {
      const base = await serve({}, (webhooks) => {
        webhooks.register(async (nested) => {
          nested.post("/webhooks/nested", describeWebhook);
        });
      });
      expect((await post(`${base}/webhooks/nested`, JIRA_BODY)).status).toBe(401);
      const answer = await post(`${base}/webhooks/nested`, JIRA_BODY, await sign(JIRA_BODY));
      expect(answer).toMatchObject({ status: 200, json: { verified: true, rawBody: JIRA_BODY } });
    });

    it("does not reach a sibling context registered after it", async () => {
      const app = fastify();
      app.register(async (sibling) => {
        sibling.post("/api/sibling", async (request) => ({
          body: request.body,
          webhook: request.webhook ?? null,
        }));
      });
      const base = await serve({}, () => {}, app);
      const answer = await post(`${base}/api/sibling`, '{"a":1}');
      expect(answer).toMatchObject({ status: 200, json: { body: { a: 1 }, webhook: null } });
    });

    it("applies to every route when registered on the root instance, as fastify-plugin does", async () => {
      const app = fastify();
      await app.register(verifyWebhook, { secret: SECRET });
      app.post("/anything", describeWebhook);
      const base = await start(app);
      expect((await post(`${base}/anything`, '{"a":1}')).status).toBe(401);
    });

    it("answers Fastify's 404 for an unknown path, without asking for a signature", async () => {
      const app = fastify();
      app.register(
        async (webhooks) => {
          await webhooks.register(verifyWebhook, { secret: SECRET });
          webhooks.post("/jira", describeWebhook);
        },
        { prefix: "/webhooks" },
      );
      const base = await start(app);
      expect((await post(`${base}/webhooks/nothing-here`, JIRA_BODY)).status).toBe(404);
      const gzip = { "content-encoding": "gzip" };
      expect((await post(`${base}/webhooks/nothing-here`, JIRA_BODY, gzip)).status).toBe(404);
      expect((await post(`${base}/webhooks/jira`, JIRA_BODY)).status).toBe(401);
    });

    it("refuses to be registered twice on one path, at start-up", async () => {
      const app = fastify();
      app.register(async (webhooks) => {
        await webhooks.register(verifyWebhook, { secret: SECRET });
        await webhooks.register(async (nested) => {
          await nested.register(verifyWebhook, { secret: "other" });
        });
      });
      await expect(app.ready()).rejects.toThrow(/already registered/);
    });

    it("types request.webhook on every Fastify request, and WebhookRequest<T> on webhook routes", () => {
      expectTypeOf<FastifyRequest["webhook"]>().toEqualTypeOf<VerifiedWebhook | undefined>();
      expectTypeOf<WebhookRequest<JiraWebhookEvent>["webhook"]>().toEqualTypeOf<
        VerifiedWebhook<JiraWebhookEvent>
      >();
      expectTypeOf<WebhookRequest<JiraWebhookEvent>["body"]>().toEqualTypeOf<
        JiraWebhookEvent | undefined
      >();
      expect(defaultExport).toBe(verifyWebhook);
    });
  });

  describe("empty bodies and content types", () => {
    it("verifies an empty application/json body (Jira's \"Exclude body\"), which Fastify's JSON parser refuses", async () => {
      const base = await serve();
      const headers = { "content-type": "application/json" };
      const outside = await post(`${base}/api/after`, "", headers);
      expect(outside).toMatchObject({ status: 400, json: { code: "FST_ERR_CTP_EMPTY_JSON_BODY" } });
      const inside = await post(`${base}/webhooks/jira`, "", { ...headers, ...(await sign("")) });
      expect(inside).toMatchObject({
        status: 200,
        json: { verified: true, body: null, rawBody: "", contentType: "application/json" },
      });
    });

    it("verifies a body-less delivery that has no Content-Type header at all", async () => {
      const base = await serve();
      // A byte body: fetch adds no Content-Type for it.
      const response = await fetch(`${base}/webhooks/jira`, {
        method: "POST",
        body: new Uint8Array(0),
        headers: await sign(""),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        verified: true,
        body: null,
        contentType: null,
      });
    });

    it.each([
      ["an empty Content-Type", "", "", JIRA_BODY],
      ["Content-Type: text", "text", "text", "signed text"],
      ["Content-Type: ;;;", ";;;", ";;;", "signed text"],
    ])(
      "verifies a body with %s, and the route sees the header as sent",
      async (_, type, seen, body) => {
        const base = await serve();
        const answer = await post(`${base}/webhooks/jira`, body, {
          "content-type": type,
          ...(await sign(body)),
        });
        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ verified: true, rawBody: body, contentType: seen });
        // A type that is not JSON is handed over as text; an empty one is parsed as JSON.
        expect(answer.json.body).toEqual(type === "" ? JSON.parse(body) : body);
      },
    );

    it("hands form bodies and other types over as the text that was signed", async () => {
      const base = await serve();
      const body = "a=1&b=%F0%9F%8E%89";
      const answer = await post(`${base}/webhooks/jira`, body, {
        "content-type": "application/x-www-form-urlencoded",
        ...(await sign(body)),
      });
      expect(answer).toMatchObject({ status: 200, json: { body, rawBody: body } });
    });
  });

  describe("body limits", () => {
    it("answers a streamed body past maxBodyBytes in the shared shape, whatever the error handler answers", async () => {
      const reports: WebhookFailureReport[] = [];
      const app = fastify();
      const seen: string[] = [];
      app.setErrorHandler((error, _request, reply) => {
        seen.push((error as { code?: string }).code ?? "");
        return reply.code(500).send({ oops: true });
      });
      const base = await serve(
        { maxBodyBytes: 1024, onFailure: (failure) => reports.push(failure) },
        () => {},
        app,
      );
      const response = await fetch(`${base}/webhooks/jira`, {
        method: "POST",
        body: new Blob(["x".repeat(4096)]).stream(),
        headers: { "content-type": "application/json", "x-hub-signature": "sha256=00" },
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("connection")).toBe("close");
      expect(await response.json()).toEqual({
        error: "body_too_large",
        message: "The body is larger than the limit of 1024 bytes.",
      });
      // The user's error handler still saw Fastify's own error, as it sees every other.
      expect(seen).toEqual(["FST_ERR_CTP_BODY_TOO_LARGE"]);
      expect(reports.map((report) => report.reason)).toEqual(["body_too_large"]);
    });

    it("answers a declared length over the limit at once, before a byte of the body arrives", async () => {
      const base = await serve({ maxBodyBytes: 1024 });
      const text = await rawExchange(
        `${base}/webhooks/jira`,
        "POST /webhooks/jira HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          "x-hub-signature: sha256=00\r\nContent-Length: 100000000\r\n\r\n",
      );
      expect(text).toMatch(/^HTTP\/1\.1 413 /);
      expect(text).toMatch(/connection: close/i);
      expect(text).toContain('{"error":"body_too_large"');
    });

    it("keeps maxBodyBytes when a route sets a larger bodyLimit of its own", async () => {
      const base = await serve({ maxBodyBytes: 1024 }, (webhooks) => {
        webhooks.post("/webhooks/big", { bodyLimit: 1024 * 1024 }, describeWebhook);
      });
      const body = "x".repeat(4096);
      const response = await fetch(`${base}/webhooks/big`, {
        method: "POST",
        body: new Blob([body]).stream(),
        headers: { "content-type": "text/plain", ...(await sign(body)) },
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      expect((await response.json()).error).toBe("body_too_large");
    });

    it("takes maxBodyBytes, not the server's bodyLimit, as the limit of webhook routes", async () => {
      const app = fastify({ bodyLimit: 1024 });
      const base = await serve({ maxBodyBytes: 8192 }, () => {}, app);
      const body = JSON.stringify({ webhookEvent: "jira:issue_updated", pad: "x".repeat(4000) });
      const inside = await post(`${base}/webhooks/jira`, body, await sign(body));
      expect(inside).toMatchObject({ status: 200, json: { verified: true } });
      const outside = await post(`${base}/api/after`, body);
      expect(outside).toMatchObject({ status: 413, json: { code: "FST_ERR_CTP_BODY_TOO_LARGE" } });
    });
  });

  describe("content encodings", () => {
    it("refuses gzip with 415 before the body is read; Fastify does not decompress it", async () => {
      const base = await serve();
      const text = await rawExchange(
        `${base}/webhooks/jira`,
        "POST /webhooks/jira HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          "Content-Encoding: gzip\r\nx-hub-signature: sha256=00\r\nContent-Length: 500\r\n\r\n",
      );
      expect(text).toMatch(/^HTTP\/1\.1 415 /);
      expect(text).toMatch(/connection: close/i);
      expect(text).toContain('{"error":"unsupported_encoding"');
    });

    it("accepts Content-Encoding: identity", async () => {
      const base = await serve();
      const answer = await post(`${base}/webhooks/jira`, JIRA_BODY, {
        "content-encoding": "identity",
        ...(await sign(JIRA_BODY)),
      });
      expect(answer.status).toBe(200);
    });
  });

  describe("content-type parsers of the user", () => {
    it("answers 500 body_unavailable, naming the fix, when a parser added in its context took the body", async () => {
      const base = await serve({}, (webhooks) => {
        webhooks.register(async (nested) => {
          nested.addContentTypeParser("application/json", { parseAs: "string" }, (_r, body, done) =>
            done(null, JSON.parse(body as string)),
          );
          nested.post("/webhooks/parsed", describeWebhook);
        });
      });
      const answer = await post(`${base}/webhooks/parsed`, JIRA_BODY, await sign(JIRA_BODY));
      expect(answer).toMatchObject({ status: 500, json: { error: "body_unavailable" } });
      expect(answer.json.message).toContain(PARSER_CONFLICT_FIX);
    });

    it("answers 500 body_unavailable when a catch-all parser added after it replaces its own", async () => {
      // Fastify lets a later "*" parser replace an earlier one without a word.
      const base = await serve({}, (webhooks) => {
        webhooks.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) =>
          done(null, body),
        );
      });
      for (const type of ["application/json", "text/plain"]) {
        const answer = await post(`${base}/webhooks/jira`, JIRA_BODY, {
          "content-type": type,
          ...(await sign(JIRA_BODY)),
        });
        expect(answer).toMatchObject({ status: 500, json: { error: "body_unavailable" } });
        expect(answer.json.message).toContain(PARSER_CONFLICT_FIX);
      }
    });

    it("reads raw bytes where the parent or the context itself had a JSON parser of its own", async () => {
      const parser = vi.fn((_request: unknown, body: string | Buffer, done: Function) =>
        done(null, { own: JSON.parse(String(body)) }),
      );
      const app = fastify();
      app.removeContentTypeParser("application/json");
      app.addContentTypeParser("application/json", { parseAs: "string" }, parser);
      app.register(async (webhooks) => {
        // Added in the context itself, before the plugin: replaced there too.
        webhooks.removeContentTypeParser("application/json");
        webhooks.addContentTypeParser("application/json", { parseAs: "string" }, parser);
        await webhooks.register(verifyWebhook, { secret: SECRET });
        webhooks.post("/webhooks/own", describeWebhook);
      });
      const base = await serve({}, () => {}, app);
      for (const path of ["/webhooks/jira", "/webhooks/own"]) {
        const answer = await post(`${base}${path}`, JIRA_BODY, await sign(JIRA_BODY));
        expect(answer).toMatchObject({
          status: 200,
          json: { rawBody: JIRA_BODY, sameObject: true },
        });
      }
      expect(parser).not.toHaveBeenCalled();
      const other = await post(`${base}/api/after`, '{"a":1}');
      expect(other.json).toEqual({ body: { own: { a: 1 } } });
      expect(parser).toHaveBeenCalledOnce();
    });
  });

  describe("the route", () => {
    it("validates a body schema against the verified payload, after the signature", async () => {
      const schema = {
        body: {
          type: "object",
          required: ["webhookEvent"],
          properties: { webhookEvent: { type: "string" } },
        },
      };
      const base = await serve({}, (webhooks) => {
        webhooks.post("/webhooks/schema", { schema }, describeWebhook);
      });
      const url = `${base}/webhooks/schema`;
      expect((await post(url, JIRA_BODY, await sign(JIRA_BODY))).status).toBe(200);
      // A forgery never reaches validation; a verified body that fails it gets Fastify's 400.
      expect((await post(url, '{"x":1}')).json.error).toBe("missing_signature");
      const invalid = await post(url, '{"x":1}', await sign('{"x":1}'));
      expect(invalid).toMatchObject({ status: 400, json: { code: "FST_ERR_VALIDATION" } });
    });

    it("gives preHandler hooks of the context the verified request", async () => {
      const seen: unknown[] = [];
      const base = await serve({}, (webhooks) => {
        webhooks.addHook("preHandler", async (request) => {
          seen.push(request.webhook?.delivery);
        });
      });
      await post(`${base}/webhooks/jira`, JIRA_BODY, {
        ...(await sign(JIRA_BODY)),
        "x-atlassian-webhook-identifier": "d-hook",
      });
      expect(seen).toEqual([{ id: "d-hook", retry: 0 }]);
    });

    it("picks the secret per request from the route's params", async () => {
      const base = await serve(
        { secret: (request) => TENANTS[(request.params as { tenant: string }).tenant] },
        (webhooks) => {
          webhooks.post("/webhooks/:tenant", describeWebhook);
        },
      );
      const acme = await post(
        `${base}/webhooks/acme`,
        JIRA_BODY,
        await sign(JIRA_BODY, "acme-secret"),
      );
      expect(acme.status).toBe(200);
      const crossed = await post(
        `${base}/webhooks/globex`,
        JIRA_BODY,
        await sign(JIRA_BODY, "acme-secret"),
      );
      expect(crossed).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
    });

    it("passes diagnose findings to onFailure and never into the answer", async () => {
      const reports: WebhookFailureReport[] = [];
      const base = await serve({ diagnose: true, onFailure: (failure) => reports.push(failure) });
      // The sender hashed compact JSON and sent it indented.
      const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
      const answer = await post(`${base}/webhooks/jira`, pretty, await sign(JIRA_BODY));
      expect(answer.status).toBe(401);
      expect(Object.keys(answer.json).sort()).toEqual(["error", "message"]);
      expect(answer.text).not.toMatch(/findings|body_reserialized/);
      expect(reports.map((report) => report.findings?.map((f) => f.cause))).toEqual([
        ["body_reserialized"],
      ]);
    });

    it("hands an error thrown by onFailure to Fastify's error handler", async () => {
      const app = fastify();
      app.setErrorHandler((error, _request, reply) =>
        reply.code(500).send({ caught: (error as Error).message }),
      );
      const base = await serve(
        {
          onFailure: () => {
            throw new Error("logger down");
          },
        },
        () => {},
        app,
      );
      const answer = await post(`${base}/webhooks/jira`, JIRA_BODY);
      expect(answer).toMatchObject({ status: 500, json: { caught: "logger down" } });
    });
  });

  describe("logs", () => {
    /** An app whose log lines are collected, at every level. */
    function loggedApp() {
      const lines: Array<{ level: number; msg?: string; res?: { statusCode?: number } }> = [];
      const stream = new Writable({
        write(chunk, _encoding, callback) {
          for (const line of String(chunk).split("\n").filter(Boolean))
            lines.push(JSON.parse(line));
          callback();
        },
      });
      return { app: fastify({ logger: { level: "trace", stream } }), lines };
    }

    it("logs no error and no 500 for a client that hangs up mid-body", async () => {
      const { app, lines } = loggedApp();
      const failures: string[] = [];
      const base = await serve(
        { onFailure: (failure) => failures.push(failure.reason) },
        () => {},
        app,
      );
      await rawExchange(
        `${base}/webhooks/jira`,
        "POST /webhooks/jira HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          `x-hub-signature: ${await signed(JIRA_BODY)}\r\nContent-Length: ${JIRA_BODY.length}\r\n\r\n` +
          JIRA_BODY.slice(0, 40),
        100,
      );
      await later(200);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(lines.filter((line) => line.res?.statusCode === 500)).toEqual([]);
      expect(failures).toEqual([]);
      expect((await post(`${base}/webhooks/jira`, JIRA_BODY, await sign(JIRA_BODY))).status).toBe(
        200,
      );
    });

    it("logs refusals as answered requests, not as errors", async () => {
      const { app, lines } = loggedApp();
      const base = await serve({ maxBodyBytes: 64 }, () => {}, app);
      await post(`${base}/webhooks/jira`, "{}", await sign("{}", "wrong"));
      await post(`${base}/webhooks/jira`, "{}", { "content-encoding": "gzip" });
      await fetch(`${base}/webhooks/jira`, {
        method: "POST",
        body: new Blob([JIRA_BODY]).stream(),
        duplex: "half",
      } as RequestInit);
      await later(50);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      const statuses = lines.flatMap((line) =>
        line.msg === "request completed" ? [line.res?.statusCode] : [],
      );
      expect(statuses).toEqual([401, 415, 413]);
    });
  });
});

describe("verifyWebhook at start-up", () => {
  it.each([
    ["no secret", {}],
    ["an empty secret", { secret: "" }],
    ["an empty list", { secret: [] }],
    ["an unknown algorithm", { secret: SECRET, algorithms: ["md5"] }],
  ])("makes ready() reject with a TypeError for %s", async (_case, options) => {
    for (const { fastify } of MAJORS) {
      const app = fastify();
      app.register(async (webhooks) => {
        await webhooks.register(verifyWebhook, options as FastifyWebhookOptions);
      });
      await expect(app.ready()).rejects.toThrow(TypeError);
    }
  });
});
