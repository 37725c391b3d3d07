import assert from "node:assert/strict";
import { sign, type VerifiedWebhook, type WebhookFailure } from "@hubsig/core";
import {
  accepted,
  JIRA_BODY,
  MAX_BODY_BYTES,
  PREVIOUS,
  refused,
  SECRET,
} from "../test/deliveries.ts";
import { withVerifiedWebhook } from "./with-verified-webhook.ts";

interface Seen {
  webhook: VerifiedWebhook;
  /** Read inside the handler: Deno closes the request and its info once the response is sent. */
  path: string;
  remote: string;
}

/** `Deno.serve` on 127.0.0.1 port 0 with the adapter in front of a recording handler. */
async function withServer(
  run: (url: string, seen: Seen[], failures: WebhookFailure[]) => Promise<void>,
): Promise<void> {
  const seen: Seen[] = [];
  const failures: WebhookFailure[] = [];
  const handler = withVerifiedWebhook(
    {
      secret: [SECRET, PREVIOUS],
      maxBodyBytes: MAX_BODY_BYTES,
      onFailure: (failure, request) => {
        assert.ok(request instanceof Request);
        failures.push(failure);
      },
    },
    (webhook, request, info) => {
      seen.push({
        webhook,
        path: new URL(request.url).pathname,
        remote: (info.remoteAddr as Deno.NetAddr).hostname,
      });
      return Response.json({ received: true }, { status: 202 });
    },
  );
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  try {
    await run(`http://127.0.0.1:${server.addr.port}/webhooks/jira`, seen, failures);
  } finally {
    await server.shutdown();
  }
}

for (const delivery of await accepted()) {
  Deno.test(`withVerifiedWebhook hands over ${delivery.name}`, async () => {
    await withServer(async (url, seen, failures) => {
      const response = await fetch(url, {
        method: "POST",
        body: delivery.body,
        headers: delivery.headers,
      });
      assert.equal(response.status, 202);
      assert.deepEqual(await response.json(), { received: true });
      assert.deepEqual(failures, []);
      assert.equal(seen.length, 1);
      const { webhook, path, remote } = seen[0] as Seen;
      assert.deepEqual(webhook.payload, JSON.parse(JIRA_BODY));
      assert.equal(new TextDecoder().decode(webhook.rawBody), JIRA_BODY);
      assert.equal(webhook.algorithm, "sha256");
      assert.equal(webhook.secretIndex, delivery.secretIndex);
      assert.deepEqual(webhook.delivery, {
        id: "d3c1e4f0-1111-4222-8333-944455556666",
        retry: 2,
        flow: "Primary",
      });
      assert.equal(path, "/webhooks/jira");
      assert.equal(remote, "127.0.0.1");
    });
  });
}

for (const refusal of await refused()) {
  Deno.test(`withVerifiedWebhook refuses ${refusal.name}`, async () => {
    await withServer(async (url, seen, failures) => {
      const response = await fetch(url, {
        method: "POST",
        body: refusal.body,
        headers: refusal.headers,
      });
      assert.equal(response.status, refusal.status);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      const json = await response.json();
      assert.deepEqual(Object.keys(json).sort(), ["error", "message"]);
      assert.equal(json.error, refusal.error);
      assert.equal(typeof json.message, "string");
      assert.ok(!json.message.includes(SECRET));
      assert.deepEqual(seen, []);
      assert.deepEqual(
        failures.map(({ status, reason }) => ({ status, reason })),
        [{ status: refusal.status, reason: refusal.error }],
      );
    });
  });
}

Deno.test("withVerifiedWebhook answers 413 to a streamed body past the limit", async () => {
  await withServer(async (url, seen) => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
        if (sent >= 64 * MAX_BODY_BYTES) controller.close();
      },
    });
    const response = await fetch(url, {
      method: "POST",
      body: endless,
      headers: { "x-hub-signature": await sign("{}", SECRET) },
    });
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error, "body_too_large");
    assert.deepEqual(seen, []);
  });
});

Deno.test("withVerifiedWebhook answers 500 when the body was read before it", async () => {
  const handler = withVerifiedWebhook({ secret: SECRET }, () => new Response("reached"));
  const request = new Request("http://localhost/", {
    method: "POST",
    body: JIRA_BODY,
    headers: { "x-hub-signature": await sign(JIRA_BODY, SECRET) },
  });
  await request.text();
  const info = { remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 1 } } as const;
  const response = await handler(request, info as unknown as Deno.ServeHandlerInfo);
  assert.equal(response.status, 500);
  assert.equal((await response.json()).error, "body_unavailable");
});

Deno.test("withVerifiedWebhook prepares the verifier up front, so misconfiguration throws", () => {
  assert.throws(() => withVerifiedWebhook({ secret: "" }, () => new Response()), TypeError);
  assert.throws(() => withVerifiedWebhook({ secret: [] }, () => new Response()), TypeError);
});
