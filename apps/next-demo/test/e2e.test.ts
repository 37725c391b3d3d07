import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { sign } from "@hubsig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfNeeded, type RunningServer, startNext } from "./next-server.js";

const SECRET = "e2e-current-secret";
const PREVIOUS = "e2e-previous-secret";
const ONE_MIB = 1024 * 1024;

const JIRA_BODY = JSON.stringify({
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_created",
  user: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Ångström" },
  issue: {
    id: "10002",
    key: "HUB-7",
    fields: { summary: "Signature check fails for 東京 team 🚀", labels: ["naïve", "日本語"] },
  },
});
const JIRA_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "x-atlassian-webhook-identifier": "7f7d3c52-1a0e-4c1e-9d55-2f7f0e1c9a01",
  "x-atlassian-webhook-retry": "1",
  "x-atlassian-webhook-flow": "Primary",
};

const ROUTES = [
  { name: "App Router, nodejs runtime", path: "/webhooks/jira", route: "app/nodejs" },
  { name: "App Router, edge runtime", path: "/webhooks/jira-edge", route: "app/edge" },
  { name: "Pages Router API route", path: "/api/webhooks/jira", route: "pages" },
] as const;

interface Refusal {
  name: string;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  status: number;
  error: string;
}

async function refusals(): Promise<Refusal[]> {
  const valid = await sign(JIRA_BODY, SECRET);
  const big = JSON.stringify({ padding: "x".repeat(ONE_MIB) });
  const zipped = new Uint8Array(gzipSync(JIRA_BODY));
  const notJson = '{"webhookEvent": "jira:issue_created", "issue": ';
  return [
    {
      name: "tampered body",
      body: JIRA_BODY.replace("東京", "大阪"),
      headers: { ...JIRA_HEADERS, "x-hub-signature": valid },
      status: 401,
      error: "signature_mismatch",
    },
    {
      name: "wrong secret",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, "guessed") },
      status: 401,
      error: "signature_mismatch",
    },
    {
      name: "missing header",
      body: JIRA_BODY,
      headers: JIRA_HEADERS,
      status: 401,
      error: "missing_signature",
    },
    {
      name: "sha1 not allowed",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, SECRET, "sha1") },
      status: 400,
      error: "unsupported_algorithm",
    },
    {
      name: "malformed header",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": valid.slice(0, -2) },
      status: 400,
      error: "malformed_signature",
    },
    {
      name: "body over the 1 MiB limit",
      body: big,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(big, SECRET) },
      status: 413,
      error: "body_too_large",
    },
    {
      name: "gzip body",
      body: zipped,
      headers: {
        ...JIRA_HEADERS,
        "content-encoding": "gzip",
        "x-hub-signature": await sign(zipped, SECRET),
      },
      status: 415,
      error: "unsupported_encoding",
    },
    {
      name: "invalid JSON with a valid signature",
      body: notJson,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(notJson, SECRET) },
      status: 400,
      error: "invalid_json",
    },
  ];
}

const REFUSALS = await refusals();
const BODY_SHA256 = createHash("sha256").update(JIRA_BODY).digest("hex");
let server: RunningServer;

beforeAll(async () => {
  buildIfNeeded();
  server = await startNext({ JIRA_WEBHOOK_SECRET: SECRET, JIRA_WEBHOOK_SECRET_PREVIOUS: PREVIOUS });
});

afterAll(async () => {
  await server?.stop();
});

async function post(path: string, body: string | Uint8Array<ArrayBuffer>, headers: object) {
  const response = await fetch(server.url + path, {
    method: "POST",
    body,
    headers: headers as Record<string, string>,
  });
  const connection = response.headers.get("connection");
  return { status: response.status, json: await response.json(), connection };
}

describe.each(ROUTES)("$name ($path) under next start", ({ path, route }) => {
  it.each([
    { secret: SECRET, secretIndex: 0, label: "current" },
    { secret: PREVIOUS, secretIndex: 1, label: "previous" },
  ])(
    "hands a Jira delivery signed with the $label secret to the handler",
    async ({ secret, secretIndex, label }) => {
      const result = await post(path, JIRA_BODY, {
        ...JIRA_HEADERS,
        "x-hub-signature": await sign(JIRA_BODY, secret),
      });
      expect({ status: result.status, json: result.json }).toEqual({
        status: 200,
        json: {
          route,
          event: "jira:issue_created",
          issueKey: "HUB-7",
          algorithm: "sha256",
          secretIndex,
          delivery: { id: "7f7d3c52-1a0e-4c1e-9d55-2f7f0e1c9a01", retry: 1, flow: "Primary" },
          rawBodyBytes: Buffer.byteLength(JIRA_BODY),
          rawBodySha256: BODY_SHA256,
        },
      });
      await expect
        .poll(server.output)
        .toContain(
          `[${route}] jira:issue_created HUB-7 delivery=7f7d3c52-1a0e-4c1e-9d55-2f7f0e1c9a01 retry=1 flow=Primary secret=${label}`,
        );
    },
  );

  it.each(REFUSALS)("refuses $name", async ({ body, headers, status, error }) => {
    const result = await post(path, body, headers);
    expect(result.status).toBe(status);
    expect(result.json).toEqual({ error, message: expect.any(String) });
    expect(result.json.message).not.toContain(SECRET);
    // The Pages Router adapter leaves an oversized body unread and closes the connection.
    if (route === "pages" && status === 413) expect(result.connection).toBe("close");
    await expect.poll(server.output).toContain(`[${route}] refused ${status} ${error}`);
  });
});

describe("Pages Router API route with Next.js's body parser left on", () => {
  const path = "/api/webhooks/jira-body-parsed";

  it.each([
    { name: "a Jira delivery", body: JIRA_BODY, type: "application/json" },
    { name: "an empty JSON object", body: "{}", type: "application/json" },
    { name: "a text body", body: JIRA_BODY, type: "text/plain" },
  ])("answers 500 body_unavailable with the bodyParser line for $name", async ({ body, type }) => {
    const result = await post(path, body, {
      ...JIRA_HEADERS,
      "content-type": type,
      "x-hub-signature": await sign(body, SECRET),
    });
    expect(result.status).toBe(500);
    expect(result.json.error).toBe("body_unavailable");
    expect(result.json.message).toContain("export const config = { api: { bodyParser: false } };");
  });
});
