import assert from "node:assert/strict";
import { sign, type VerifiedWebhook } from "@hubsig/core";
import { Hono } from "hono";
import { JIRA_BODY, JIRA_HEADERS, SECRET } from "../test/deliveries.ts";
import { withVerifiedWebhook } from "./with-verified-webhook.ts";

// The README's Hono example, run for real: Hono hands over the fetch Request and Deno's info.

function recordingHandler(seen: VerifiedWebhook[]) {
  return withVerifiedWebhook({ secret: SECRET }, (webhook, _request, info) => {
    seen.push(webhook);
    return Response.json(
      { event: (webhook.payload as { webhookEvent: string }).webhookEvent },
      {
        headers: { "x-remote": (info.remoteAddr as Deno.NetAddr).hostname },
      },
    );
  });
}

async function exercise(url: string, seen: VerifiedWebhook[]): Promise<void> {
  const signed = await fetch(url, {
    method: "POST",
    body: JIRA_BODY,
    headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, SECRET) },
  });
  assert.equal(signed.status, 200);
  assert.equal(signed.headers.get("x-remote"), "127.0.0.1");
  assert.deepEqual(await signed.json(), { event: "jira:issue_updated" });
  assert.equal(seen.length, 1);
  assert.equal(new TextDecoder().decode(seen[0]?.rawBody), JIRA_BODY);

  const forged = await fetch(url, {
    method: "POST",
    body: JIRA_BODY,
    headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, "forged") },
  });
  assert.equal(forged.status, 401);
  assert.equal((await forged.json()).error, "signature_mismatch");
  assert.equal(seen.length, 1);
}

Deno.test("withVerifiedWebhook behind a Hono route", async () => {
  const seen: VerifiedWebhook[] = [];
  const jira = recordingHandler(seen);
  const app = new Hono<{ Bindings: Deno.ServeHandlerInfo }>();
  app.post("/webhooks/jira", (c) => jira(c.req.raw, c.env));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
  try {
    await exercise(`http://127.0.0.1:${server.addr.port}/webhooks/jira`, seen);
  } finally {
    await server.shutdown();
  }
});
