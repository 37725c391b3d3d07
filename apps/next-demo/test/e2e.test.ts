import { createHash } from "node:crypto";
import { jiraBody, jiraHeaders, refused, signed } from "@hubsig/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfNeeded, type RunningServer, startNext } from "./next-server.js";

const SECRET = "e2e-current-secret";
const PREVIOUS = "e2e-previous-secret";
const ONE_MIB = 1024 * 1024;

const JIRA_BODY = jiraBody("jira:issue_created");
const JIRA_HEADERS = jiraHeaders("7f7d3c52-1a0e-4c1e-9d55-2f7f0e1c9a01", 1);

const ROUTES = [
  { name: "App Router, nodejs runtime", path: "/webhooks/jira", route: "app/nodejs" },
  { name: "App Router, edge runtime", path: "/webhooks/jira-edge", route: "app/edge" },
  { name: "Pages Router API route", path: "/api/webhooks/jira", route: "pages" },
] as const;

const REFUSALS = await refused({
  body: JIRA_BODY,
  headers: JIRA_HEADERS,
  secret: SECRET,
  maxBodyBytes: ONE_MIB,
});
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
        "x-hub-signature": await signed(JIRA_BODY, secret),
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
      "x-hub-signature": await signed(body, SECRET),
    });
    expect(result.status).toBe(500);
    expect(result.json.error).toBe("body_unavailable");
    expect(result.json.message).toContain("export const config = { api: { bodyParser: false } };");
  });
});
