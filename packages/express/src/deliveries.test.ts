import * as core from "@hubsig/core";
import { type DeliveryStore, memoryDeliveryStore } from "@hubsig/core/dedupe";
import {
  isJiraEvent,
  type JiraEventOf,
  type JiraIssueEvent,
  type JiraWebhookEvent,
} from "@hubsig/core/jira";
import type { WebhookFailureReport } from "@hubsig/core/request";
import { JIRA_BODY, post, postJira, SECRET, signed, TENANTS } from "@hubsig/test-kit";
import { closeAll, listen } from "@hubsig/test-kit/node-server";
import express5, { type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import express4 from "express4";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { verifyWebhook } from "./verify-webhook.js";
import { type WebhookRequest, webhookHandler } from "./webhook-handler.js";

// Counts how often keys are prepared, through the adapter's own import of the core.
vi.mock("@hubsig/core", async (original) => {
  const actual = await original<typeof core>();
  return { ...actual, createVerifier: vi.fn(actual.createVerifier) };
});
const createVerifier = vi.mocked(core.createVerifier);

const MAJORS = [
  { major: 5, express: express5 },
  { major: 4, express: express4 as typeof express5 },
];

afterEach(closeAll);
beforeEach(() => {
  createVerifier.mockClear();
});

const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  res.status(500).json({ caught: error instanceof Error ? error.message : String(error) });
};

describe.each(MAJORS)("Express $major", ({ express }) => {
  async function serve(
    options: Partial<core.WebhookOptions<Request>>,
    handler: RequestHandler,
    path = "/webhooks/jira",
  ) {
    const app = express();
    app.post(path, verifyWebhook({ secret: SECRET, ...options }), handler);
    app.use(errorHandler);
    return `${await listen(app)}${path}`;
  }

  describe("dedupe", () => {
    it("throws TypeError at start-up for a bad dedupe option", () => {
      expect(() =>
        verifyWebhook({ secret: SECRET, dedupe: { store: {} as DeliveryStore } }),
      ).toThrow(TypeError);
      const store = memoryDeliveryStore();
      expect(() => verifyWebhook({ secret: SECRET, dedupe: { store, leaseMs: 0 } })).toThrow(
        TypeError,
      );
    });
  });

  describe("secrets per tenant", () => {
    const echo: RequestHandler = (req, res) =>
      void res.json({ tenant: req.params.tenant, secretIndex: req.webhook?.secretIndex });

    async function tenantServer(secret = (req: Request) => TENANTS[String(req.params.tenant)]) {
      return (await serve({ secret }, echo, "/webhooks/:tenant")).replace("/:tenant", "");
    }

    it("verifies each tenant with its own secrets, rotation included", async () => {
      const base = await tenantServer();
      const acme = await postJira(`${base}/acme`, "acme-secret");
      expect(acme).toMatchObject({ status: 200, json: { tenant: "acme", secretIndex: 0 } });
      const globex = await postJira(`${base}/globex`, "globex-old");
      expect(globex).toMatchObject({ status: 200, json: { tenant: "globex", secretIndex: 1 } });
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
      expect(createVerifier).not.toHaveBeenCalled();
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

    it("hands a throwing secret function to Express's error handler (500, retried)", async () => {
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
      const handler = vi.fn<RequestHandler>((_req, res) => void res.sendStatus(204));
      const url = await serve({ diagnose: true, onFailure: (f) => reports.push(f) }, handler);
      // The sender hashed compact JSON and sent it indented.
      const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
      const response = await fetch(url, {
        method: "POST",
        body: pretty,
        headers: { "content-type": "application/json", "x-hub-signature": await signed(JIRA_BODY) },
      });
      const text = await response.text();
      expect(response.status).toBe(401);
      expect(JSON.parse(text)).toEqual({
        error: "signature_mismatch",
        message: expect.any(String),
      });
      expect(text).not.toMatch(/findings|body_reserialized/);
      expect(reports).toHaveLength(1);
      expect(reports[0]?.findings?.map((finding) => finding.cause)).toEqual(["body_reserialized"]);
      expect(handler).not.toHaveBeenCalled();
    });

    it("leaves findings out by default", async () => {
      const reports: WebhookFailureReport[] = [];
      const url = await serve({ onFailure: (f) => reports.push(f) }, (_req, res) => res.end());
      const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
      await post(url, pretty, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(reports).toHaveLength(1);
      expect(reports[0]).not.toHaveProperty("findings");
    });
  });

  describe("typed payloads", () => {
    it("webhookHandler<T> types req.webhook; isJiraEvent narrows it", async () => {
      const app = express();
      app.post(
        "/webhooks/jira",
        verifyWebhook({ secret: SECRET }),
        webhookHandler<JiraWebhookEvent>((req, res) => {
          expectTypeOf(req.webhook.payload).toEqualTypeOf<JiraWebhookEvent | undefined>();
          expectTypeOf(req.body).toEqualTypeOf<JiraWebhookEvent | undefined>();
          const { payload } = req.webhook;
          if (isJiraEvent(payload, "jira:issue_updated")) {
            expectTypeOf(payload).toEqualTypeOf<JiraEventOf<"jira:issue_updated">>();
            expectTypeOf(payload).toExtend<JiraIssueEvent>();
            res.json({ key: payload.issue.key });
          } else res.sendStatus(204);
        }),
      );
      const url = `${await listen(app)}/webhooks/jira`;
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer).toMatchObject({ status: 200, json: { key: "HUB-7" } });
    });

    it("verifyWebhook<T> types req.body in the handlers after it", () => {
      const app = express();
      app.post(
        "/webhooks/jira",
        verifyWebhook<JiraWebhookEvent>({ secret: SECRET }),
        (req, res) => {
          expectTypeOf(req.body).toEqualTypeOf<JiraWebhookEvent>();
          res.end();
        },
      );
      expectTypeOf<WebhookRequest<JiraWebhookEvent>["webhook"]>().toEqualTypeOf<
        core.VerifiedWebhook<JiraWebhookEvent>
      >();
    });

    it("webhookHandler hands an error to next(err) when verifyWebhook did not run", async () => {
      const app = express();
      app.post(
        "/x",
        webhookHandler((_req, res) => res.end()),
      );
      app.use(errorHandler);
      const answer = await post(`${await listen(app)}/x`, "{}");
      expect(answer.status).toBe(500);
      expect(answer.json.caught).toMatch(/after verifyWebhook/);
    });
  });
});
