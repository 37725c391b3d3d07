import assert from "node:assert/strict";
import { type DeliveryStore, memoryDeliveryStore } from "@hubsig/core/dedupe";
import { isJiraEvent, type JiraEventOf, type JiraWebhookEvent } from "@hubsig/core/jira";
import type { WebhookFailureReport, WebhookOptions } from "@hubsig/core/request";
import { JIRA_BODY, SECRET, send, signed, withId } from "../test/deliveries.ts";
import { type WebhookHandler, withVerifiedWebhook } from "./with-verified-webhook.ts";

/** `Deno.serve` on 127.0.0.1 port 0 in front of the wrapped handler. */
async function withServer(
  options: Partial<WebhookOptions<Request>>,
  handler: WebhookHandler,
  run: (url: string) => Promise<void>,
): Promise<void> {
  const wrapped = withVerifiedWebhook({ secret: SECRET, ...options }, handler);
  const server = Deno.serve(
    {
      hostname: "127.0.0.1",
      port: 0,
      onListen() {},
      onError: () => new Response(null, { status: 500 }),
    },
    wrapped,
  );
  try {
    await run(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

const TENANTS: Record<string, string | string[]> = {
  acme: "acme-secret",
  globex: ["globex-new", "globex-old"],
};
const byPath = (request: Request) => TENANTS[new URL(request.url).pathname.split("/").pop() ?? ""];
const echo = (webhook: { secretIndex: number }) =>
  Response.json({ secretIndex: webhook.secretIndex });

Deno.test("tenants: each tenant's own secrets, rotation included; unknown tenant 401", async () => {
  await withServer({ secret: byPath }, echo, async (url) => {
    const acme = await send(`${url}/hooks/acme`, JIRA_BODY, {
      "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
    });
    assert.deepEqual([acme.status, acme.json], [200, { secretIndex: 0 }]);
    const globex = await send(`${url}/hooks/globex`, JIRA_BODY, {
      "x-hub-signature": await signed(JIRA_BODY, "globex-old"),
    });
    assert.deepEqual([globex.status, globex.json], [200, { secretIndex: 1 }]);
    const crossed = await send(`${url}/hooks/globex`, JIRA_BODY, {
      "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
    });
    assert.deepEqual([crossed.status, crossed.json.error], [401, "signature_mismatch"]);
    const unknown = await send(`${url}/hooks/initech`, JIRA_BODY, {
      "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
    });
    assert.deepEqual(unknown.json, {
      error: "signature_mismatch",
      message: "No webhook secret is configured for this request.",
    });
    assert.equal(unknown.status, 401);
  });
});

Deno.test("tenants: keys are prepared once per distinct secret list, then reused", async () => {
  // Preparing keys starts from the secrets' UTF-8 bytes, in either engine: counting the
  // encodings of the tenants' secrets counts the preparations. signed() runs before counting.
  const encode = TextEncoder.prototype.encode;
  const secrets = new Set(Object.values(TENANTS).flat());
  let prepared = 0;
  const headers = {
    acme: await signed(JIRA_BODY, "acme-secret"),
    globex: await signed(JIRA_BODY, "globex-new"),
  };
  TextEncoder.prototype.encode = function (this: TextEncoder, input?: string) {
    if (input !== undefined && secrets.has(input)) prepared++;
    return encode.call(this, input);
  };
  try {
    await withServer({ secret: byPath }, echo, async (url) => {
      const round = async () => {
        for (const tenant of ["acme", "globex"] as const) {
          const ok = await send(`${url}/hooks/${tenant}`, JIRA_BODY, {
            "x-hub-signature": headers[tenant],
          });
          assert.equal(ok.status, 200);
        }
      };
      await round();
      const afterFirst = prepared;
      // acme's one secret and globex's two, each at least once.
      assert.ok(afterFirst >= 3, `expected the three secrets prepared, saw ${afterFirst}`);
      await round();
      await round();
      assert.equal(prepared, afterFirst, "prepared once, then reused");
    });
  } finally {
    TextEncoder.prototype.encode = encode;
  }
});

Deno.test("tenants: a throwing secret function gives 500, so Jira retries", async () => {
  const secret = () => {
    throw new Error("tenant table down");
  };
  await withServer({ secret }, echo, async (url) => {
    const failed = await send(`${url}/hooks/acme`, JIRA_BODY, {
      "x-hub-signature": await signed(JIRA_BODY, "acme-secret"),
    });
    assert.equal(failed.status, 500);
  });
});

Deno.test("diagnose: findings go to onFailure, never into the answer", async () => {
  const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
  for (const diagnose of [true, false]) {
    const reports: WebhookFailureReport[] = [];
    const options = { diagnose, onFailure: (f: WebhookFailureReport) => reports.push(f) };
    await withServer(options, echo, async (url) => {
      const refused = await send(url, pretty, { "x-hub-signature": await signed(JIRA_BODY) });
      assert.equal(refused.status, 401);
      assert.deepEqual(Object.keys(refused.json), ["error", "message"]);
      assert.doesNotMatch(refused.text, /findings|body_reserialized/);
      assert.deepEqual(
        reports[0]?.findings?.map((finding) => finding.cause),
        diagnose ? ["body_reserialized"] : undefined,
      );
    });
  }
});

type Equal<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => {};

Deno.test("types: withVerifiedWebhook<T> types the payload; isJiraEvent narrows it", async () => {
  const handler = withVerifiedWebhook<JiraWebhookEvent>({ secret: SECRET }, ({ payload }) => {
    expectType<Equal<typeof payload, JiraWebhookEvent | undefined>>(true);
    if (!isJiraEvent(payload, "jira:issue_updated")) return new Response(null, { status: 204 });
    expectType<Equal<typeof payload, JiraEventOf<"jira:issue_updated">>>(true);
    return Response.json({ key: payload.issue.key });
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  try {
    const answer = await send(`http://127.0.0.1:${server.addr.port}`, JIRA_BODY, {
      "x-hub-signature": await signed(JIRA_BODY),
    });
    assert.deepEqual(answer.json, { key: "HUB-7" });
  } finally {
    await server.shutdown();
  }
});
