import { createRequire } from "node:module";
import type { WebhookOptions } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { JIRA_BODY, PREVIOUS, post, SECRET, signed } from "@hubsig/test-kit";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
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

  describeAdapterContract({
    kind: "node",
    store: () => memoryDeliveryStore(),
    pathOf: (req: Request) => req.originalUrl,
    headerOf: (req: Request, name) => req.get(name),
    async mount(setup) {
      const errors: unknown[] = [];
      const answer = routeAnswers(setup);
      const app = express();
      const route: RequestHandler = async (req, res, next) => {
        try {
          const { status, body } = await answer(req.webhook as never, req.body, (h) => req.get(h));
          if (body === undefined) res.sendStatus(status);
          else res.status(status).json(body);
        } catch (error) {
          next(error); // Express 4 does not catch a rejected promise itself
        }
      };
      app.post(
        "/webhooks/jira",
        verifyWebhook({ secret: [SECRET, PREVIOUS], ...setup.options }),
        route,
      );
      app.use(((error, _req, res, _next) => {
        errors.push(error);
        res.status(500).json({ caught: String(error) });
      }) as ErrorRequestHandler);
      const url = `${await listen(app)}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
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
