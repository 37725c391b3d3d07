import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { JiraEventOf } from "../jira/events.ts";
import { isJiraEvent } from "../jira/is-event.ts";
import { verify } from "../verify/verify.ts";
import { jiraDelivery } from "./jira-delivery.ts";

const SECRET = "It's a Secret to Everybody";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// An independent HMAC (noble-hashes), so that the test does not check `sign` against itself.
const HASHES = { sha1, sha256, sha384, sha512 } as const;
const expected = (body: string, algorithm: keyof typeof HASHES, secret = SECRET) =>
  `${algorithm}=${bytesToHex(hmac(HASHES[algorithm], utf8ToBytes(secret), utf8ToBytes(body)))}`;

describe("jiraDelivery", () => {
  it("signs the exact body bytes as Jira does, with Jira's headers and nothing else", async () => {
    const delivery = await jiraDelivery({ secret: SECRET });
    expect(Object.keys(delivery.headers)).toEqual([
      "Content-Type",
      "X-Hub-Signature",
      "X-Atlassian-Webhook-Identifier",
      "X-Atlassian-Webhook-Retry",
      "X-Atlassian-Webhook-Flow",
    ]);
    expect(delivery.headers["Content-Type"]).toBe("application/json");
    expect(delivery.headers["X-Hub-Signature"]).toBe(expected(delivery.body, "sha256"));
    expect(delivery.headers["X-Hub-Signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(delivery.headers["X-Atlassian-Webhook-Identifier"]).toMatch(UUID_V4);
    expect(delivery.headers["X-Atlassian-Webhook-Retry"]).toBe("0");
    expect(delivery.headers["X-Atlassian-Webhook-Flow"]).toBe("Primary");
    const result = await verify(delivery.body, delivery.headers["X-Hub-Signature"] ?? "", {
      secret: SECRET,
    });
    expect(result).toEqual({ ok: true, algorithm: "sha256", secretIndex: 0 });
  });

  it("samples jira:issue_created by default, as compact JSON whose parse is the payload", async () => {
    const delivery = await jiraDelivery({ secret: SECRET });
    expect(isJiraEvent(delivery.payload, "jira:issue_created")).toBe(true);
    expect(JSON.parse(delivery.body)).toEqual(delivery.payload);
    expect(delivery.body).toBe(JSON.stringify(delivery.payload));
    expect(delivery.body).not.toMatch(/\n/);
  });

  it("samples the event it is given, with a timestamp of now", async () => {
    const before = Date.now();
    const { payload } = await jiraDelivery({ secret: SECRET, event: "worklog_updated" });
    expect(payload.webhookEvent).toBe("worklog_updated");
    expect(payload.timestamp).toBeGreaterThanOrEqual(before);
    expect(payload.timestamp).toBeLessThanOrEqual(Date.now());
    expectTypeOf(payload).toEqualTypeOf<JiraEventOf<"worklog_updated">>();
  });

  it("signs a given payload, text outside ASCII as UTF-8", async () => {
    const payload = { webhookEvent: "custom", note: "café 東京 🚀", n: 1 };
    const delivery = await jiraDelivery({ secret: SECRET, payload });
    expect(delivery.body).toBe('{"webhookEvent":"custom","note":"café 東京 🚀","n":1}');
    expect(delivery.headers["X-Hub-Signature"]).toBe(expected(delivery.body, "sha256"));
    expect(delivery.payload).toEqual(payload);
    expect(delivery.payload).not.toBe(payload);
    expectTypeOf(delivery.payload).toEqualTypeOf<typeof payload>();
  });

  it.each(["sha1", "sha256", "sha384", "sha512"] as const)(
    "signs with %s when asked",
    async (algorithm) => {
      const delivery = await jiraDelivery({ secret: SECRET, event: "sprint_closed", algorithm });
      expect(delivery.headers["X-Hub-Signature"]).toBe(expected(delivery.body, algorithm));
    },
  );

  it("keys the HMAC with a byte secret as given", async () => {
    const secret = new Uint8Array([0, 255, 1, 254]);
    const delivery = await jiraDelivery({ secret, payload: { a: 1 } });
    const digest = bytesToHex(hmac(sha256, secret, utf8ToBytes(delivery.body)));
    expect(delivery.headers["X-Hub-Signature"]).toBe(`sha256=${digest}`);
  });

  it("matches the published known answer for a string payload", async () => {
    // GitHub's documented vector is over `Hello, World!`; a JSON string payload is its quoted form.
    const delivery = await jiraDelivery({ secret: SECRET, payload: "Hello, World!" });
    expect(delivery.body).toBe('"Hello, World!"');
    expect(delivery.headers["X-Hub-Signature"]).toBe(expected('"Hello, World!"', "sha256"));
  });

  it("sets the identifier, retry count and flow of a retried delivery", async () => {
    const first = await jiraDelivery({ secret: SECRET, event: "comment_created" });
    const id = first.headers["X-Atlassian-Webhook-Identifier"] as string;
    const retried = await jiraDelivery({
      secret: SECRET,
      payload: first.payload,
      id,
      retry: 3,
      flow: "Secondary",
    });
    expect(retried.body).toBe(first.body);
    expect(retried.headers["X-Hub-Signature"]).toBe(first.headers["X-Hub-Signature"]);
    expect(retried.headers["X-Atlassian-Webhook-Identifier"]).toBe(id);
    expect(retried.headers["X-Atlassian-Webhook-Retry"]).toBe("3");
    expect(retried.headers["X-Atlassian-Webhook-Flow"]).toBe("Secondary");
  });

  it("gives every delivery its own identifier", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      ids.add(
        (await jiraDelivery({ secret: SECRET })).headers[
          "X-Atlassian-Webhook-Identifier"
        ] as string,
      );
    }
    expect(ids.size).toBe(20);
  });

  const misuse: [string, unknown, ErrorConstructor][] = [
    ["no options", undefined, TypeError],
    ["null options", null, TypeError],
    ["event and payload both", { secret: SECRET, event: "sprint_started", payload: {} }, TypeError],
    ["an unknown event", { secret: SECRET, event: "issue_created" }, RangeError],
    ["an inherited name as event", { secret: SECRET, event: "constructor" }, RangeError],
    ["a negative retry", { secret: SECRET, retry: -1 }, TypeError],
    ["a fractional retry", { secret: SECRET, retry: 1.5 }, TypeError],
    ["a retry as text", { secret: SECRET, retry: "1" }, TypeError],
    ["a NaN retry", { secret: SECRET, retry: Number.NaN }, TypeError],
    ["an id with a line break", { secret: SECRET, id: "a\r\nX-Evil: 1" }, TypeError],
    ["an empty id", { secret: SECRET, id: "" }, TypeError],
    ["an id that is not text", { secret: SECRET, id: 42 }, TypeError],
    ["an id outside ASCII", { secret: SECRET, id: "idé" }, TypeError],
    ["a flow with a line break", { secret: SECRET, flow: "Primary\n" }, TypeError],
    ["a payload JSON cannot hold", { secret: SECRET, payload: () => 1 }, TypeError],
    [
      "a payload with a cycle",
      {
        secret: SECRET,
        payload: (() => {
          const a: Record<string, unknown> = {};
          a.a = a;
          return a;
        })(),
      },
      TypeError,
    ],
    ["an empty secret", { secret: "" }, TypeError],
    ["no secret", {}, TypeError],
    ["an unknown algorithm", { secret: SECRET, algorithm: "md5" }, TypeError],
  ];

  it.each(misuse)("rejects %s", async (_label, options, type) => {
    await expect(jiraDelivery(options as never)).rejects.toThrow(type);
  });
});
