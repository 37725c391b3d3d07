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
import express5, { type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import express4 from "express4";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { MOUNT_ORDER_FIX, verifyWebhook } from "./verify-webhook.js";

const require = createRequire(import.meta.url);
const MAJORS = [
  { major: 5, express: express5 },
  { major: 4, express: express4 as typeof express5 },
];

afterEach(closeAll);

interface Setup {
  /** Middleware mounted with app.use() before the route, as a user might. */
  before?: RequestHandler[];
  options?: Partial<WebhookOptions<Request>>;
  handler?: RequestHandler;
}

// The route answers what it was handed, so each case can check the whole contract.
const describeWebhook: RequestHandler = (req, res) => {
  const webhook = req.webhook;
  if (!webhook) throw new Error("req.webhook is not set");
  res.json({
    payload: req.body,
    sameObject: req.body === webhook.payload,
    rawBody: Buffer.from(webhook.rawBody).toString("utf8"),
    algorithm: webhook.algorithm,
    secretIndex: webhook.secretIndex,
    delivery: webhook.delivery,
    contentLength: req.headers["content-length"] ?? null,
    transferEncoding: req.headers["transfer-encoding"] ?? null,
  });
};

// Express's own error path: what a user's error handler sees.
const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  res.status(500).json({ caught: error instanceof Error ? error.message : String(error) });
};

describe.each(MAJORS)("verifyWebhook on Express $major", ({ major, express }) => {
  it(`runs on express ${major}.x`, () => {
    const name = major === 5 ? "express" : "express4";
    expect(require(`${name}/package.json`).version).toMatch(new RegExp(`^${major}\\.`));
  });

  async function serve({ before = [], options = {}, handler = describeWebhook }: Setup = {}) {
    const app = express();
    for (const middleware of before) app.use(middleware);
    app.post("/webhooks/jira", verifyWebhook({ secret: [SECRET, PREVIOUS], ...options }), handler);
    app.use(errorHandler);
    return `${await listen(app)}/webhooks/jira`;
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

    it("calls onFailure with the failure and the Express request, once per refusal", async () => {
      const calls: Array<[WebhookFailure, string]> = [];
      const url = await serve({
        options: { onFailure: (failure, req) => calls.push([failure, req.originalUrl]) },
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
    const keepRaw = (req: Request, _res: unknown, buffer: Buffer) => {
      (req as { rawBody?: Buffer }).rawBody = buffer;
    };

    it.each([
      ["express.json() first", () => express.json()],
      ["express.text() first", () => express.text({ type: "*/*" })],
      ["express.urlencoded() first", () => express.urlencoded({ type: "*/*", extended: false })],
    ])(
      "answers 500 body_unavailable with the fix when %s parsed the body",
      async (_case, parser) => {
        const url = await serve({ before: [parser()] });
        const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
        expect(answer).toMatchObject({ status: 500, json: { error: "body_unavailable" } });
        expect(answer.json.message).toContain(MOUNT_ORDER_FIX);
        expect(answer.json.message).toContain("express.json()");
        expect(answer.json.message).toContain('express.raw({ type: "application/json" })');
      },
    );

    it("answers 500 at once, never hanging, when an earlier middleware drained the stream", async () => {
      const drain: RequestHandler = (req, _res, next) => {
        req.resume();
        req.on("end", () => next());
      };
      const url = await serve({ before: [drain] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.json.error).toBe("body_unavailable");
    });

    it('works behind express.raw({ type: "application/json" })', async () => {
      const url = await serve({ before: [express.raw({ type: "application/json" })] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ payload: JSON.parse(JIRA_BODY), rawBody: JIRA_BODY });
    });

    it("works behind express.json({ verify }) that keeps req.rawBody", async () => {
      const url = await serve({ before: [express.json({ verify: keepRaw })] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      expect(answer.json.rawBody).toBe(JIRA_BODY);
    });

    it("works when the host set req.rawBody (as Google Cloud Functions does)", async () => {
      const host: RequestHandler = (req, _res, next) => {
        const parts: Buffer[] = [];
        req.on("data", (part: Buffer) => parts.push(part));
        req.on("end", () => {
          const rawBody = Buffer.concat(parts);
          Object.assign(req, { rawBody, body: JSON.parse(rawBody.toString("utf8")) });
          next();
        });
      };
      const url = await serve({ before: [host] });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      // A kept body that was tampered with still fails: the kept bytes are what is verified.
      const tampered = await post(url, JIRA_BODY.replace("東京", "大阪"), {
        "x-hub-signature": await signed(JIRA_BODY),
      });
      expect(tampered.json.error).toBe("signature_mismatch");
    });

    it("reads the stream itself when a global express.json() skips the content type", async () => {
      const url = await serve({ before: [express.json()] });
      const body = "plain text, signed";
      const answer = await post(url, body, {
        "x-hub-signature": await signed(body),
        "content-type": "text/plain",
      });
      expect(answer.status).toBe(200);
      expect(answer.json.payload).toBe(body);
    });
  });

  describe("errors", () => {
    it("hands an error thrown by the route handler to Express's error handler", async () => {
      const url = await serve({
        handler: () => {
          throw new Error("handler failed");
        },
      });
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer).toEqual(
        expect.objectContaining({ status: 500, json: { caught: "handler failed" } }),
      );
    });

    it("hands an error thrown by onFailure to next(err)", async () => {
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

    it("hands its own read error to next(err) when a stream was set to text mode", async () => {
      const textMode: RequestHandler = (req, _res, next) => {
        req.setEncoding("utf8");
        next();
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
    expect(() => verifyWebhook(options as WebhookOptions<Request>)).toThrow(TypeError);
  });

  it("types req.webhook on every Express request", () => {
    expectTypeOf<Request["webhook"]>().toEqualTypeOf<
      import("@hubsig/core").VerifiedWebhook | undefined
    >();
  });
});
