import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as core from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { isJiraEvent, type JiraEventOf, type JiraWebhookEvent } from "@hubsig/core/jira";
import type { WebhookFailureReport } from "@hubsig/core/request";
import { JIRA_BODY, PREVIOUS, post, SECRET, send, signed } from "@hubsig/test-kit";
import { type ContractTarget, describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { withVerifiedWebhook } from "./with-verified-webhook.js";
import { withVerifiedWebhookApi } from "./with-verified-webhook-api.js";

// Counts how often keys are prepared, through the adapter's own import of the core.
vi.mock("@hubsig/core", async (original) => {
  const actual = await original<typeof core>();
  return { ...actual, createVerifier: vi.fn(actual.createVerifier) };
});
const createVerifier = vi.mocked(core.createVerifier);

/** What the handler does on its n-th call (1-based): answer a status, or throw. */
type Plan = (call: number) => Promise<number | "throw"> | number | "throw";
type Options = Omit<core.WebhookOptions<never>, "secret" | "onFailure"> & {
  /** A fixed secret, or secrets per tenant by the last path segment. */
  secret?: core.Secret | ((tenant: string) => core.Secret | readonly core.Secret[] | undefined);
  onFailure?: (failure: WebhookFailureReport) => void;
};

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});
beforeEach(() => {
  createVerifier.mockClear();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const tenantOf = (path: string) => path.split("?")[0]?.split("/").pop() ?? "";
const answer = (status: number, secretIndex: number) =>
  JSON.stringify({ ran: true, secretIndex, status });

/** The App Router handler behind a real server, bridged as Next.js does (500 for a throw). */
async function appRouter(options: Options, plan: Plan) {
  let calls = 0;
  const { secret = SECRET, ...rest } = options;
  const POST = withVerifiedWebhook(
    {
      ...rest,
      secret:
        typeof secret === "function" ? (r) => secret(tenantOf(new URL(r.url).pathname)) : secret,
    } as core.WebhookOptions<Request>,
    async (webhook) => {
      const status = await plan(++calls);
      if (status === "throw") throw new Error("handler failed");
      const body = status === 204 ? null : answer(status, webhook.secretIndex);
      return new Response(body, { status });
    },
  );
  const server = createServer(async (req, res) => {
    try {
      const body = await collect(req);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: new Uint8Array(body),
      });
      const response = await POST(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  return { url: await listen(server), calls: () => calls };
}

/** The Pages Router route behind a real server, bridged as Next.js does (500 for a throw). */
async function pagesRouter(options: Options, plan: Plan) {
  let calls = 0;
  const { secret = SECRET, ...rest } = options;
  const route = withVerifiedWebhookApi(
    {
      ...rest,
      secret: typeof secret === "function" ? (req) => secret(tenantOf(req.url ?? "")) : secret,
    } as core.WebhookOptions<NextApiRequest>,
    async (webhook, _req, res) => {
      const status = await plan(++calls);
      if (status === "throw") throw new Error("handler failed");
      res.statusCode = status;
      res.end(answer(status, webhook.secretIndex));
    },
  );
  const server = createServer(async (req, res) => {
    try {
      await route(req as NextApiRequest, res as NextApiResponse);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  return { url: await listen(server), calls: () => calls };
}

async function collect(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/**
 * The App Router handler behind a real server, bridged as Next.js does it: the body streams into
 * the `Request`, whose signal aborts when the client goes away; a throw is a 500.
 */
function appRouterTarget(): ContractTarget<Request> {
  return {
    kind: "fetch",
    store: () => memoryDeliveryStore(),
    pathOf: (request) => new URL(request.url).pathname,
    headerOf: (request, name) => request.headers.get(name) ?? undefined,
    async mount(setup) {
      const errors: unknown[] = [];
      const answer = routeAnswers(setup);
      const POST = withVerifiedWebhook(
        { secret: [SECRET, PREVIOUS], ...setup.options } as core.WebhookOptions<Request>,
        async (webhook, request) => {
          const { status, body } = await answer(webhook, webhook.payload, (h) =>
            request.headers.get(h),
          );
          return body === undefined
            ? new Response(null, { status })
            : Response.json(body, { status });
        },
      );
      const server = createServer(async (req, res) => {
        const gone = new AbortController();
        res.on("close", () => gone.abort());
        try {
          const request = new Request(`http://127.0.0.1${req.url}`, {
            method: "POST",
            headers: req.headers as Record<string, string>,
            body: Readable.toWeb(req) as ReadableStream,
            duplex: "half",
            signal: gone.signal,
          } as RequestInit);
          const response = await POST(request);
          if (!req.complete) res.setHeader("connection", "close");
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        } catch (error) {
          errors.push(error);
          if (!res.headersSent) res.writeHead(500).end();
        }
      });
      const url = `${await listen(server)}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
  };
}

/** The Pages Router route behind a real server, bridged as Next.js does it (500 for a throw). */
function pagesRouterTarget(): ContractTarget<NextApiRequest> {
  return {
    kind: "node",
    store: () => memoryDeliveryStore(),
    pathOf: (req) => req.url ?? "",
    headerOf: (req, name) => [req.headers[name]].flat()[0],
    async mount(setup) {
      const errors: unknown[] = [];
      const answer = routeAnswers(setup);
      const route = withVerifiedWebhookApi(
        { secret: [SECRET, PREVIOUS], ...setup.options } as core.WebhookOptions<NextApiRequest>,
        async (webhook, req, res) => {
          const { status, body } = await answer(
            webhook,
            webhook.payload,
            (h) => [req.headers[h]].flat()[0],
          );
          res.statusCode = status;
          if (body === undefined) res.end();
          else {
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify(body));
          }
        },
      );
      const server = createServer(async (req, res) => {
        try {
          await route(req as NextApiRequest, res as NextApiResponse);
        } catch (error) {
          errors.push(error);
          if (!res.headersSent) res.writeHead(500).end();
        }
      });
      const url = `${await listen(server)}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
  };
}

describe("App Router", () => describeAdapterContract(appRouterTarget()));
describe("Pages Router", () => describeAdapterContract(pagesRouterTarget()));

describe.each([
  { router: "App Router", serve: appRouter },
  { router: "Pages Router", serve: pagesRouter },
])("$router", ({ serve }) => {
  describe("secrets per tenant", () => {
    const TENANTS: Record<string, string | string[]> = {
      acme: "acme-secret",
      globex: ["globex-new", "globex-old"],
    };
    const byTenant = (tenant: string) => TENANTS[tenant];

    it("verifies each tenant with its own secrets, rotation included", async () => {
      const route = await serve({ secret: byTenant }, () => 200);
      const acme = await send(`${route.url}/hooks/acme`, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
      });
      expect(acme).toMatchObject({ status: 200, json: { secretIndex: 0 } });
      const globex = await send(`${route.url}/hooks/globex`, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "globex-old"),
      });
      expect(globex).toMatchObject({ status: 200, json: { secretIndex: 1 } });
      const crossed = await send(`${route.url}/hooks/globex`, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
      });
      expect(crossed).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
    });

    it("answers 401 for an unknown tenant, saying no secret is configured", async () => {
      const route = await serve({ secret: byTenant }, () => 200);
      const refused = await send(`${route.url}/hooks/initech`, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
      });
      expect(refused).toMatchObject({
        status: 401,
        json: {
          error: "signature_mismatch",
          message: "No webhook secret is configured for this request.",
        },
      });
      expect(route.calls()).toBe(0);
    });

    it("prepares keys once per distinct secret list and reuses them", async () => {
      const route = await serve({ secret: byTenant }, () => 200);
      for (let i = 0; i < 3; i++) {
        for (const [tenant, secret] of [
          ["acme", "acme-secret"],
          ["globex", "globex-new"],
        ]) {
          const ok = await send(`${route.url}/hooks/${tenant}`, JIRA_BODY, {
            "x-hub-signature": await signed(JIRA_BODY, secret),
          });
          expect(ok.status).toBe(200);
        }
      }
      expect(createVerifier).toHaveBeenCalledTimes(2);
    });

    it("answers 500 (retried) when the secret function throws", async () => {
      const route = await serve(
        {
          secret: () => {
            throw new Error("tenant table down");
          },
        },
        () => 200,
      );
      const failed = await send(`${route.url}/hooks/acme`, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
      });
      expect(failed.status).toBe(500);
      expect(route.calls()).toBe(0);
    });
  });

  describe("diagnose", () => {
    const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);

    it("passes the findings to onFailure and never into the answer", async () => {
      const reports: WebhookFailureReport[] = [];
      const route = await serve({ diagnose: true, onFailure: (f) => reports.push(f) }, () => 200);
      const refused = await send(route.url, pretty, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(refused.status).toBe(401);
      expect(Object.keys(refused.json)).toEqual(["error", "message"]);
      expect(refused.text).not.toMatch(/findings|body_reserialized/);
      expect(reports[0]?.findings?.map((finding) => finding.cause)).toEqual(["body_reserialized"]);
    });

    it("leaves findings out by default", async () => {
      const reports: WebhookFailureReport[] = [];
      const route = await serve({ onFailure: (f) => reports.push(f) }, () => 200);
      await send(route.url, pretty, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(reports).toHaveLength(1);
      expect(reports[0]).not.toHaveProperty("findings");
    });
  });
});

describe("typed payloads", () => {
  it("types webhook.payload from the type argument; isJiraEvent narrows it", async () => {
    const POST = withVerifiedWebhook<JiraWebhookEvent>({ secret: SECRET }, (webhook) => {
      expectTypeOf(webhook.payload).toEqualTypeOf<JiraWebhookEvent | undefined>();
      const { payload } = webhook;
      if (!isJiraEvent(payload, "jira:issue_updated")) return new Response(null, { status: 204 });
      expectTypeOf(payload).toEqualTypeOf<JiraEventOf<"jira:issue_updated">>();
      return Response.json({ key: payload.issue.key });
    });
    const response = await POST(
      new Request("http://localhost/", {
        method: "POST",
        body: JIRA_BODY,
        headers: { "content-type": "application/json", "x-hub-signature": await signed(JIRA_BODY) },
      }),
    );
    expect(await response.json()).toEqual({ key: "HUB-7" });
    withVerifiedWebhookApi<JiraWebhookEvent>({ secret: SECRET }, (webhook, _req, res) => {
      if (isJiraEvent(webhook.payload, "jira:issue_updated")) {
        expectTypeOf(webhook.payload.issue.key).toEqualTypeOf<string>();
      }
      res.end();
    });
  });
});
