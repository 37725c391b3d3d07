import { describe, expect, it } from "vitest";
import { isJiraEvent } from "../jira/is-event.ts";
import { verifyRequest } from "../request/verify-request.ts";
import { createRouter } from "../router/create-router.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { jiraDelivery } from "./jira-delivery.ts";
import { signedRequest } from "./signed-request.ts";

const SECRET = "signed-request-secret";

describe("signedRequest", () => {
  it("POSTs the delivery's body and headers to the URL", async () => {
    const request = await signedRequest("http://127.0.0.1:3000/webhooks/jira", {
      secret: SECRET,
      event: "sprint_started",
      id: "4d0b6b0e-29c5-4f1a-9b6a-3f0e3c1f2a10",
      retry: 2,
      flow: "Secondary",
    });
    expect(request.method).toBe("POST");
    expect(request.url).toBe("http://127.0.0.1:3000/webhooks/jira");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.headers.get("x-hub-signature")).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(request.headers.get("x-atlassian-webhook-identifier")).toBe(
      "4d0b6b0e-29c5-4f1a-9b6a-3f0e3c1f2a10",
    );
    expect(request.headers.get("x-atlassian-webhook-retry")).toBe("2");
    expect(request.headers.get("x-atlassian-webhook-flow")).toBe("Secondary");
    const body = JSON.parse(await request.text());
    expect(isJiraEvent(body, "sprint_started")).toBe(true);
  });

  it("takes a URL object and a payload of your own", async () => {
    const request = await signedRequest(new URL("https://example.test/hook"), {
      secret: SECRET,
      payload: { webhookEvent: "jira:issue_deleted", timestamp: 1 },
    });
    expect(request.url).toBe("https://example.test/hook");
    expect(await request.text()).toBe('{"webhookEvent":"jira:issue_deleted","timestamp":1}');
  });

  it("passes hubsig's own pipeline and reaches the router's handler", async () => {
    const verifier = createVerifier({ secret: ["new-secret", SECRET] });
    const outcome = await verifyRequest(
      await signedRequest("http://localhost/webhooks/jira", {
        secret: SECRET,
        event: "comment_updated",
      }),
      verifier,
    );
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    expect(outcome.webhook.secretIndex).toBe(1);
    expect(outcome.webhook.delivery.retry).toBe(0);
    const seen: string[] = [];
    await createRouter()
      .on("comment_updated", (event) => {
        seen.push(event.comment.author.displayName);
      })
      .dispatch(outcome.webhook);
    expect(seen).toEqual(["佐藤 浩"]);
  });

  it("is refused when signed with another secret or changed after signing", async () => {
    const verifier = createVerifier({ secret: SECRET });
    const wrong = await verifyRequest(
      await signedRequest("http://localhost/", { secret: "other" }),
      verifier,
    );
    expect(wrong).toMatchObject({ ok: false, status: 401, reason: "signature_mismatch" });
    const { body, headers } = await jiraDelivery({ secret: SECRET });
    const tampered = new Request("http://localhost/", {
      method: "POST",
      body: body.replace("OPS-142", "OPS-143"),
      headers,
    });
    expect(await verifyRequest(tampered, verifier)).toMatchObject({ ok: false, status: 401 });
  });

  it("rejects bad options as jiraDelivery does", async () => {
    await expect(signedRequest("http://localhost/", { secret: SECRET, retry: -1 })).rejects.toThrow(
      TypeError,
    );
    await expect(signedRequest("not a url", { secret: SECRET })).rejects.toThrow(TypeError);
  });
});
