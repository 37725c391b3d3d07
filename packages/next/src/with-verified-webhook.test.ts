import { sign, type VerifiedWebhook, type WebhookFailure } from "@hubsig/core";
import { accepted, JIRA_BODY, MAX_BODY_BYTES, PREVIOUS, refused, SECRET } from "@hubsig/test-kit";
import { describe, expect, it, vi } from "vitest";
import { withVerifiedWebhook } from "./with-verified-webhook.js";

const URL = "http://localhost/webhooks/jira";
const ACCEPTED = await accepted();
const REFUSED = await refused();

function request(body: BodyInit, headers: Record<string, string>): Request {
  return new Request(URL, { method: "POST", body, headers });
}

function route() {
  const seen: { webhook: VerifiedWebhook; request: Request }[] = [];
  const failures: { failure: WebhookFailure; request: Request }[] = [];
  const POST = withVerifiedWebhook(
    {
      secret: [SECRET, PREVIOUS],
      maxBodyBytes: MAX_BODY_BYTES,
      onFailure: (failure, request) => failures.push({ failure, request }),
    },
    (webhook, request) => {
      seen.push({ webhook, request });
      return Response.json({ received: true }, { status: 202 });
    },
  );
  return { POST, seen, failures };
}

describe("withVerifiedWebhook (App Router)", () => {
  it.each(ACCEPTED)("hands over $name", async ({ body, headers, secretIndex }) => {
    const { POST, seen, failures } = route();
    const req = request(body, headers);
    const response = await POST(req);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ received: true });
    expect(failures).toEqual([]);
    expect(seen).toHaveLength(1);
    const { webhook, request: passed } = seen[0] as (typeof seen)[0];
    expect(passed).toBe(req);
    expect(webhook.payload).toEqual(JSON.parse(JIRA_BODY));
    expect(new TextDecoder().decode(webhook.rawBody)).toBe(JIRA_BODY);
    expect(webhook.algorithm).toBe("sha256");
    expect(webhook.secretIndex).toBe(secretIndex);
    expect(webhook.delivery).toEqual({
      id: "d3c1e4f0-1111-4222-8333-944455556666",
      retry: 2,
      flow: "Primary",
    });
  });

  it.each(REFUSED)("refuses $name", async ({ body, headers, status, error }) => {
    const { POST, seen, failures } = route();
    const req = request(body, headers);
    const response = await POST(req);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const json = await response.json();
    expect(json).toEqual({ error, message: expect.any(String) });
    expect(json.message).not.toContain(SECRET);
    expect(seen).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.failure).toMatchObject({ ok: false, status, reason: error });
    expect(failures[0]?.request).toBe(req);
  });

  it("stops reading a streamed body without Content-Length at the limit", async () => {
    const { POST, seen } = route();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const req = new Request(URL, {
      method: "POST",
      body: endless,
      headers: { "x-hub-signature": await sign("{}", SECRET) },
      duplex: "half",
    } as RequestInit);
    const response = await POST(req);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 1024);
    expect(seen).toEqual([]);
  });

  it("answers 500 body_unavailable when the body was read before the route", async () => {
    const { POST } = route();
    const req = request(JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) });
    await req.text();
    const response = await POST(req);
    expect(response.status).toBe(500);
    expect((await response.json()).error).toBe("body_unavailable");
  });

  it("passes on what the handler returns or throws", async () => {
    const signature = await sign(JIRA_BODY, SECRET);
    const redirect = withVerifiedWebhook({ secret: SECRET }, async () =>
      Response.redirect("http://localhost/done", 303),
    );
    const response = await redirect(request(JIRA_BODY, { "x-hub-signature": signature }));
    expect(response.status).toBe(303);
    const failing = withVerifiedWebhook({ secret: SECRET }, () => {
      throw new Error("handler failed");
    });
    await expect(failing(request(JIRA_BODY, { "x-hub-signature": signature }))).rejects.toThrow(
      "handler failed",
    );
  });

  it("reads a custom header and defaults to sha256/384/512 only", async () => {
    const POST = withVerifiedWebhook({ secret: SECRET, header: "X-Hub-Signature-256" }, () =>
      Response.json({ ok: true }),
    );
    const good = await POST(
      request(JIRA_BODY, { "x-hub-signature-256": await sign(JIRA_BODY, SECRET, "sha512") }),
    );
    expect(good.status).toBe(200);
    const legacy = await POST(
      request(JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) }),
    );
    expect((await legacy.json()).error).toBe("missing_signature");
  });

  it("prepares the verifier when the route module loads, so misconfiguration fails early", () => {
    const handler = vi.fn(() => new Response());
    expect(() => withVerifiedWebhook({ secret: "" }, handler)).toThrow(TypeError);
    expect(() => withVerifiedWebhook({ secret: [] }, handler)).toThrow(TypeError);
    expect(handler).not.toHaveBeenCalled();
  });
});
