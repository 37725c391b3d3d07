import { sign } from "@hubsig/core";
import { afterEach, expect, it, vi } from "vitest";
import { withVerifiedWebhook } from "./with-verified-webhook.js";

const edge = process.env.HUBSIG_RUNTIME === "edge";

afterEach(() => {
  vi.restoreAllMocks();
});

it(`verifies with the engine Next.js picks for the ${edge ? "edge" : "nodejs"} runtime`, async () => {
  // WebCrypto on the edge; node:crypto (7-13x faster for small bodies) on Node.js.
  const subtleVerify = vi.spyOn(crypto.subtle, "verify");
  const POST = withVerifiedWebhook({ secret: "engine-secret" }, () => new Response("verified"));
  const response = await POST(
    new Request("http://localhost/webhooks/jira", {
      method: "POST",
      body: "{}",
      headers: { "x-hub-signature": await sign("{}", "engine-secret") },
    }),
  );
  expect(await response.text()).toBe("verified");
  expect(subtleVerify).toHaveBeenCalledTimes(edge ? 1 : 0);
});
