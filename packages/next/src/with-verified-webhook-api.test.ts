import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sign, type VerifiedWebhook, type WebhookFailure } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import {
  accepted,
  JIRA_BODY,
  JIRA_HEADERS,
  MAX_BODY_BYTES,
  PREVIOUS,
  refused,
  SECRET,
} from "@hubsig/test-kit";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterEach, describe, expect, it } from "vitest";
import { withVerifiedWebhookApi } from "./with-verified-webhook-api.js";

const ACCEPTED = await accepted();
const REFUSED = await refused();
let server: Server | undefined;

afterEach(() => {
  server?.close();
  server?.closeAllConnections();
  server = undefined;
});

/** What Next.js's default body parser leaves in `req.body` before the route runs. */
async function bodyParser(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString("utf8");
  return /json/.test(req.headers["content-type"] ?? "") ? JSON.parse(text) : text;
}

/** A real server on port 0 that calls the route the way Next.js's API resolver does. */
async function serve(parse: boolean) {
  const seen: VerifiedWebhook[] = [];
  const failures: { failure: WebhookFailure; req: NextApiRequest }[] = [];
  const route = withVerifiedWebhookApi(
    {
      secret: [SECRET, PREVIOUS],
      maxBodyBytes: MAX_BODY_BYTES,
      onFailure: (failure, req) => failures.push({ failure, req }),
    },
    (webhook, _req, res) => {
      seen.push(webhook);
      res.statusCode = 202;
      res.end(JSON.stringify({ received: true }));
    },
  );
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const api = req as NextApiRequest;
    api.body = parse ? await bodyParser(req) : undefined;
    await route(api, res as NextApiResponse);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/jira`;
  return { url, seen, failures };
}

async function post(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
) {
  const response = await fetch(url, { method: "POST", body, headers });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    connection: response.headers.get("connection"),
    json: await response.json(),
  };
}

describe("withVerifiedWebhookApi (Pages Router)", () => {
  it.each(ACCEPTED)("hands over $name", async ({ body, headers, secretIndex }) => {
    const { url, seen, failures } = await serve(false);
    const result = await post(url, body, headers);
    expect(result.status).toBe(202);
    expect(result.json).toEqual({ received: true });
    expect(failures).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload).toEqual(JSON.parse(JIRA_BODY));
    expect(Buffer.from(seen[0]?.rawBody ?? []).toString("utf8")).toBe(JIRA_BODY);
    expect(seen[0]?.secretIndex).toBe(secretIndex);
    expect(seen[0]?.delivery).toEqual({
      id: "d3c1e4f0-1111-4222-8333-944455556666",
      retry: 2,
      flow: "Primary",
    });
  });

  it.each(REFUSED)("refuses $name", async ({ body, headers, status, error }) => {
    const { url, seen, failures } = await serve(false);
    const result = await post(url, body, headers);
    expect(result.status).toBe(status);
    expect(result.type).toMatch(/^application\/json/);
    expect(result.json).toEqual({ error, message: expect.any(String) });
    expect(result.connection).toBe(status === 413 ? "close" : "keep-alive");
    expect(seen).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.failure).toMatchObject({ status, reason: error });
    expect(failures[0]?.req.url).toBe("/api/webhooks/jira");
  });

  it("answers 500 with the bodyParser line when Next.js parsed the body, and never re-serializes", async () => {
    const { url, seen, failures } = await serve(true);
    for (const type of ["application/json", "text/plain"]) {
      const result = await post(url, JIRA_BODY, {
        ...JIRA_HEADERS,
        "content-type": type,
        "x-hub-signature": await sign(JIRA_BODY, SECRET),
      });
      expect(result.status).toBe(500);
      expect(result.json.error).toBe("body_unavailable");
      expect(result.json.message).toContain(
        "export const config = { api: { bodyParser: false } };",
      );
    }
    // A JSON body that re-serializes to the signed bytes is still refused: it was parsed.
    const compact = JSON.stringify(JSON.parse(JIRA_BODY));
    const result = await post(url, compact, {
      ...JIRA_HEADERS,
      "x-hub-signature": await sign(compact, SECRET),
    });
    expect(result.status).toBe(500);
    expect(seen).toEqual([]);
    expect(failures.map(({ failure }) => failure.reason)).toEqual([
      "body_unavailable",
      "body_unavailable",
      "body_unavailable",
    ]);
  });

  it("answers 413 to a chunked body without Content-Length past the limit", async () => {
    const { url, seen } = await serve(false);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: "POST",
      body: chunks,
      headers: { "x-hub-signature": await sign("{}", SECRET) },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect((await response.json()).error).toBe("body_too_large");
    expect(seen).toEqual([]);
  });

  it("keeps a delivery claimed while a handler answers after its promise settled", async () => {
    let runs = 0;
    let answer!: () => void;
    const route = withVerifiedWebhookApi(
      { secret: SECRET, dedupe: { store: memoryDeliveryStore() } },
      (_webhook, _req, res) => {
        runs++;
        // Returns at once and answers later, as a callback-style handler does.
        answer = () => {
          res.statusCode = 204;
          res.end();
        };
      },
    );
    server = createServer((req, res) => void route(req as NextApiRequest, res as NextApiResponse));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/jira`;
    const headers = {
      "content-type": "application/json",
      "x-hub-signature": await sign(JIRA_BODY, SECRET),
      "x-atlassian-webhook-identifier": "late-1",
    };
    const first = fetch(url, { method: "POST", body: JIRA_BODY, headers });
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const meanwhile = await post(url, JIRA_BODY, headers);
    expect(meanwhile).toMatchObject({ status: 409, json: { error: "delivery_in_progress" } });
    answer();
    expect((await first).status).toBe(204);
    const retry = await post(url, JIRA_BODY, headers);
    expect(retry).toMatchObject({ status: 200, json: { duplicate: true } });
    expect(runs).toBe(1);
  });

  it("prepares the verifier when the route module loads, so misconfiguration fails early", () => {
    expect(() => withVerifiedWebhookApi({ secret: "" }, () => {})).toThrow(TypeError);
  });
});
