import { describe, expect, it } from "vitest";
import { GITHUB_VECTOR } from "./github.ts";
import { chunked, endless, post } from "./http.ts";
import { JIRA_BODY, PREVIOUS, SECRET } from "./jira.ts";
import { signed } from "./sign.ts";

/** Options a contract case passes to the adapter under test, on top of `secret: [SECRET, PREVIOUS]`. */
export interface ContractSetup {
  // Loose on purpose: each adapter has its own request type.
  options?: Record<string, any>;
}

// The part of a WebhookFailure the contract reads; the test kit does not depend on the core.
interface Refusal {
  status: number;
  reason: string;
}

/**
 * The cases every Node adapter must pass, written once. `serve` mounts the adapter with
 * `secret: [SECRET, PREVIOUS]` and `setup.options` on `POST /webhooks/jira`, behind a route that
 * answers with JSON describing what it was handed (payload, sameObject, rawBody, algorithm,
 * secretIndex, delivery, contentLength, transferEncoding), and resolves to the route's URL.
 * `pathOf` reads the request path from what the adapter passes `onFailure` beside the failure
 * (Express's `req`, Koa's `ctx`).
 *
 * @example
 * describe.each(MAJORS)("verifyWebhook on Express $major", ({ express }) => {
 *   describeAdapterContract((setup) => serve(setup), (req: Request) => req.originalUrl);
 * });
 */
export function describeAdapterContract<Req>(
  serve: (setup?: ContractSetup) => Promise<string>,
  pathOf: (request: Req) => string,
): void {
  describe("onFailure", () => {
    it("calls onFailure with the failure and the framework's request, once per refusal", async () => {
      const calls: Array<[Refusal, string]> = [];
      const url = await serve({
        options: {
          onFailure: (failure: Refusal, request: Req) => calls.push([failure, pathOf(request)]),
        },
      });
      await post(url, JIRA_BODY);
      await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY, "wrong") });
      await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(calls.map(([failure, path]) => [failure.status, failure.reason, path])).toEqual([
        [401, "missing_signature", "/webhooks/jira"],
        [401, "signature_mismatch", "/webhooks/jira"],
      ]);
    });
  });

  describe("deliveries", () => {
    it("accepts a Jira-shaped delivery with emoji and CJK text, byte for byte", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        payload: JSON.parse(JIRA_BODY),
        sameObject: true,
        rawBody: JIRA_BODY,
        algorithm: "sha256",
        secretIndex: 0,
        delivery: { retry: 0 },
      });
    });

    it("accepts the previous secret and reports secretIndex 1", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, PREVIOUS),
      });
      expect(answer.status).toBe(200);
      expect(answer.json.secretIndex).toBe(1);
    });

    it("accepts uppercase hex and an uppercase method", async () => {
      const url = await serve();
      const header = (await signed(JIRA_BODY)).toUpperCase();
      const answer = await post(url, JIRA_BODY, { "x-hub-signature": header });
      expect(answer.status).toBe(200);
      expect(answer.json.algorithm).toBe("sha256");
    });

    it("reads a chunked body sent without Content-Length", async () => {
      const url = await serve();
      const answer = await post(url, chunked(JIRA_BODY), {
        "x-hub-signature": await signed(JIRA_BODY),
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        contentLength: null,
        transferEncoding: "chunked",
        rawBody: JIRA_BODY,
      });
    });

    it("surfaces X-Atlassian-Webhook-Identifier, -Retry and -Flow in webhook.delivery", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY),
        "X-Atlassian-Webhook-Identifier": "a7f3c1e2-5b4d-4c6e-9f8a-0123456789ab",
        "X-Atlassian-Webhook-Retry": "2",
        "X-Atlassian-Webhook-Flow": "Secondary",
      });
      expect(answer.json.delivery).toEqual({
        id: "a7f3c1e2-5b4d-4c6e-9f8a-0123456789ab",
        retry: 2,
        flow: "Secondary",
      });
    });

    it("verifies GitHub's published vector with header: x-hub-signature-256", async () => {
      const url = await serve({
        options: { secret: GITHUB_VECTOR.secret, header: "x-hub-signature-256" },
      });
      const answer = await post(url, GITHUB_VECTOR.body, {
        "content-type": "text/plain",
        "X-Hub-Signature-256": GITHUB_VECTOR.header,
      });
      expect(answer.status).toBe(200);
      expect(answer.json.payload).toBe(GITHUB_VECTOR.body);
      // The default header is no longer read.
      const other = await post(url, GITHUB_VECTOR.body, {
        "content-type": "text/plain",
        "x-hub-signature": GITHUB_VECTOR.header,
      });
      expect(other.json.error).toBe("missing_signature");
    });

    it("accepts sha1 only when it is allowed", async () => {
      const header = await signed(JIRA_BODY, SECRET, "sha1");
      const refused = await post(await serve(), JIRA_BODY, { "x-hub-signature": header });
      expect(refused).toMatchObject({ status: 400, json: { error: "unsupported_algorithm" } });
      const url = await serve({ options: { algorithms: ["sha1", "sha256"] } });
      const allowed = await post(url, JIRA_BODY, { "x-hub-signature": header });
      expect(allowed.status).toBe(200);
      expect(allowed.json.algorithm).toBe("sha1");
    });
  });

  describe("refusals", () => {
    it("refuses a tampered body with 401 signature_mismatch", async () => {
      const url = await serve();
      const tampered = JIRA_BODY.replace("HUB-7", "HUB-8");
      const answer = await post(url, tampered, { "x-hub-signature": await signed(JIRA_BODY) });
      expect(answer.status).toBe(401);
      expect(answer.json.error).toBe("signature_mismatch");
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    });

    it("refuses a wrong secret with 401 signature_mismatch", async () => {
      const url = await serve();
      const answer = await post(url, JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY, "not-the-secret"),
      });
      expect(answer).toMatchObject({ status: 401, json: { error: "signature_mismatch" } });
      expect(answer.json.message).not.toContain(SECRET);
    });

    it("refuses a missing header with 401 missing_signature", async () => {
      const answer = await post(await serve(), JIRA_BODY);
      expect(answer).toMatchObject({ status: 401, json: { error: "missing_signature" } });
    });

    it.each([
      ["no method", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"],
      ["no digest", "sha256="],
      ["no method name", `=${"a".repeat(64)}`],
      ["non-hex digits", `sha256=${"g".repeat(64)}`],
      ["a 0x prefix", `sha256=0x${"a".repeat(62)}`],
      ["one digit short", `sha256=${"a".repeat(63)}`],
      ["one byte long", `sha256=${"a".repeat(66)}`],
      ["trailing junk", `sha256=${"a".repeat(64)} extra`],
      ["a colon", `sha256:${"a".repeat(64)}`],
      ["a sha1 length under sha256", `sha256=${"a".repeat(40)}`],
      ["an 8 KB digest", `sha256=${"a".repeat(8192)}`],
    ])("refuses a header with %s as 400 malformed_signature", async (_case, header) => {
      const answer = await post(await serve(), JIRA_BODY, { "x-hub-signature": header });
      expect(answer).toMatchObject({ status: 400, json: { error: "malformed_signature" } });
    });

    it("refuses an unknown method with 400 unsupported_algorithm", async () => {
      const answer = await post(await serve(), JIRA_BODY, {
        "x-hub-signature": `md5=${"a".repeat(32)}`,
      });
      expect(answer).toMatchObject({ status: 400, json: { error: "unsupported_algorithm" } });
    });

    it("refuses a valid signature over invalid JSON with 400 invalid_json", async () => {
      const body = '{"webhookEvent": "jira:issue_created",';
      const answer = await post(await serve(), body, { "x-hub-signature": await signed(body) });
      expect(answer).toMatchObject({ status: 400, json: { error: "invalid_json" } });
    });

    it("refuses Content-Encoding: gzip with 415", async () => {
      const answer = await post(await serve(), JIRA_BODY, {
        "x-hub-signature": await signed(JIRA_BODY),
        "content-encoding": "gzip",
      });
      expect(answer).toMatchObject({ status: 415, json: { error: "unsupported_encoding" } });
    });

    it("answers 413 over maxBodyBytes, closes the connection, and still serves the next request", async () => {
      const url = await serve({ options: { maxBodyBytes: 1024 } });
      const declared = await post(url, "x".repeat(64 * 1024), { "x-hub-signature": "sha256=00" });
      expect(declared).toMatchObject({ status: 413, json: { error: "body_too_large" } });
      expect(declared.headers.get("connection")).toBe("close");
      const streamed = await post(url, endless(), { "x-hub-signature": "sha256=00" });
      expect(streamed).toMatchObject({ status: 413, json: { error: "body_too_large" } });
      const next = await post(url, JIRA_BODY.slice(0, 1000), {
        "x-hub-signature": await signed(JIRA_BODY.slice(0, 1000)),
        "content-type": "text/plain",
      });
      expect(next.status).toBe(200);
    });
  });
}
