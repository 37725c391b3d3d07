import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GITHUB_VECTOR, JIRA_BODY } from "../../test/vectors.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { sign } from "../verify/sign.ts";
import { ClientAbortError } from "./client-abort.ts";
import { failureBody, failureResponse } from "./failure.ts";
import { verifyDelivery } from "./verify-delivery.ts";
import { refuseEncoding, verifyRequest } from "./verify-request.ts";

const SECRET = "jira-secret";
const verifier = createVerifier({ secret: [SECRET, "previous-secret"] });
const URL = "http://127.0.0.1/webhooks/jira";

async function jiraRequest(
  body: BodyInit | null,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Request> {
  const signature = typeof body === "string" ? await sign(body, SECRET) : undefined;
  return new Request(URL, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      ...(signature ? { "x-hub-signature": signature } : {}),
      ...headers,
    },
    ...init,
  });
}

function streamOf(chunks: Uint8Array[], onPull?: () => void, onCancel?: () => void) {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel() {
      onCancel?.();
    },
  });
}

describe("verifyRequest", () => {
  it("verifies a Jira delivery and hands over payload, raw bytes and delivery headers", async () => {
    const request = await jiraRequest(JIRA_BODY, {
      "X-Atlassian-Webhook-Identifier": "b1a2c3d4-0000-4000-8000-000000000001",
      "X-Atlassian-Webhook-Retry": "2",
      "X-Atlassian-Webhook-Flow": "Secondary",
    });
    const outcome = await verifyRequest(request, verifier);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.webhook.payload).toEqual(JSON.parse(JIRA_BODY));
    expect(new TextDecoder().decode(outcome.webhook.rawBody)).toBe(JIRA_BODY);
    expect(outcome.webhook).toMatchObject({ algorithm: "sha256", secretIndex: 0 });
    expect(outcome.webhook.delivery).toEqual({
      id: "b1a2c3d4-0000-4000-8000-000000000001",
      retry: 2,
      flow: "Secondary",
    });
  });

  it("reports the previous secret during rotation", async () => {
    const body = JSON.stringify({ webhookEvent: "comment_created" });
    const request = new Request(URL, {
      method: "POST",
      body,
      headers: { "x-hub-signature": await sign(body, "previous-secret") },
    });
    const outcome = await verifyRequest(request, verifier);
    expect(outcome.ok && outcome.webhook.secretIndex).toBe(1);
    expect(outcome.ok && outcome.webhook.delivery).toEqual({ retry: 0 });
  });

  it.each([
    ["missing header", {}, 401, "missing_signature"],
    ["tampered", { "x-hub-signature": `sha256=${"0".repeat(64)}` }, 401, "signature_mismatch"],
    ["malformed", { "x-hub-signature": "sha256=zz" }, 400, "malformed_signature"],
    ["unsupported", { "x-hub-signature": `md5=${"0".repeat(32)}` }, 400, "unsupported_algorithm"],
  ])("%s -> %i %s", async (_label, headers, status, reason) => {
    const request = new Request(URL, { method: "POST", body: "{}", headers });
    expect(await verifyRequest(request, verifier)).toMatchObject({ ok: false, status, reason });
  });

  it("refuses sha1 unless allowed", async () => {
    const body = "{}";
    const request = () =>
      sign(body, SECRET, "sha1").then(
        (header) =>
          new Request(URL, { method: "POST", body, headers: { "x-hub-signature": header } }),
      );
    expect(await verifyRequest(await request(), verifier)).toMatchObject({
      status: 400,
      reason: "unsupported_algorithm",
    });
    const sha1Verifier = createVerifier({ secret: SECRET, algorithms: ["sha1", "sha256"] });
    expect(await verifyRequest(await request(), sha1Verifier)).toMatchObject({ ok: true });
  });

  it("refuses a gzip body with 415 without reading it", async () => {
    const request = await jiraRequest(new Uint8Array(gzipSync(JIRA_BODY)), {
      "content-encoding": "gzip",
      "x-hub-signature": await sign(JIRA_BODY, SECRET),
    });
    expect(await verifyRequest(request, verifier)).toMatchObject({
      status: 415,
      reason: "unsupported_encoding",
    });
    expect(request.bodyUsed).toBe(false);
  });

  it("answers 400 invalid_json for a valid signature over a body that is not JSON", async () => {
    const request = await jiraRequest("{not json");
    expect(await verifyRequest(request, verifier)).toMatchObject({
      status: 400,
      reason: "invalid_json",
    });
  });

  it("answers 400 invalid_json for JSON that is not valid UTF-8", async () => {
    const bytes = Uint8Array.of(0x22, 0xff, 0x22); // "\xff"
    const request = new Request(URL, {
      method: "POST",
      body: bytes,
      headers: { "content-type": "application/json", "x-hub-signature": await sign(bytes, SECRET) },
    });
    expect(await verifyRequest(request, verifier)).toMatchObject({ reason: "invalid_json" });
  });

  it("parses JSON behind a UTF-8 byte order mark, and hashes the mark with the rest", async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JIRA_BODY)]);
    const request = new Request(URL, {
      method: "POST",
      body: bytes,
      headers: { "content-type": "application/json", "x-hub-signature": await sign(bytes, SECRET) },
    });
    const outcome = await verifyRequest(request, verifier);
    expect(outcome.ok && outcome.webhook.payload).toEqual(JSON.parse(JIRA_BODY));
    expect(outcome.ok && outcome.webhook.rawBody).toEqual(bytes);
  });

  it("hands over text when the content type is not JSON", async () => {
    const body = "hub.topic=x&value=ü";
    const request = await jiraRequest(body, {
      "content-type": "application/x-www-form-urlencoded",
    });
    const outcome = await verifyRequest(request, verifier);
    expect(outcome.ok && outcome.webhook.payload).toBe(body);
  });

  it("answers 413 from Content-Length before reading", async () => {
    const request = await jiraRequest(JIRA_BODY, { "content-length": String(10 * 1024 * 1024) });
    expect(await verifyRequest(request, verifier, { maxBodyBytes: 1024 })).toMatchObject({
      status: 413,
      reason: "body_too_large",
    });
  });

  it("stops a 10 MB streamed body at the limit without reading it all", async () => {
    const chunk = new Uint8Array(64 * 1024);
    const chunks = Array.from({ length: 160 }, () => chunk); // 10 MiB
    let pulls = 0;
    let cancelled = false;
    const body = streamOf(
      chunks,
      () => pulls++,
      () => {
        cancelled = true;
      },
    );
    const request = new Request(URL, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "x-hub-signature": `sha256=${"0".repeat(64)}` },
    } as RequestInit);
    const outcome = await verifyRequest(request, verifier, { maxBodyBytes: 1024 * 1024 });
    expect(outcome).toMatchObject({ status: 413, reason: "body_too_large" });
    expect(pulls).toBeLessThan(40);
    expect(cancelled).toBe(true);
  });

  it("answers 413 at once even when cancelling the rest of the body never settles", async () => {
    // Next.js's edge runtime under `next start` hands over a body stream whose cancel() waits
    // for the client to finish sending: a client that streams on must not hold the answer.
    const chunk = new Uint8Array(64 * 1024);
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
        return new Promise<void>(() => {});
      },
    });
    const request = new Request(URL, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "x-hub-signature": `sha256=${"0".repeat(64)}` },
    } as RequestInit);
    const outcome = await Promise.race([
      verifyRequest(request, verifier, { maxBodyBytes: 1024 * 1024 }),
      new Promise((resolve) => setTimeout(() => resolve("no answer within 2 s"), 2000)),
    ]);
    expect(outcome).toMatchObject({ status: 413, reason: "body_too_large" });
    expect(cancelled).toBe(true);
  });

  it("verifies a streamed body without Content-Length", async () => {
    const bytes = new TextEncoder().encode(JIRA_BODY);
    const parts = [bytes.subarray(0, 7), bytes.subarray(7, 100), bytes.subarray(100)];
    const request = new Request(URL, {
      method: "POST",
      body: streamOf(parts),
      duplex: "half",
      headers: { "content-type": "application/json", "x-hub-signature": await sign(bytes, SECRET) },
    } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const outcome = await verifyRequest(request, verifier);
    expect(outcome.ok && outcome.webhook.payload).toEqual(JSON.parse(JIRA_BODY));
  });

  it("answers 500 body_unavailable when the body was already read", async () => {
    const request = await jiraRequest(JIRA_BODY);
    await request.text();
    const outcome = await verifyRequest(request, verifier);
    expect(outcome).toMatchObject({ status: 500, reason: "body_unavailable" });
    expect(!outcome.ok && outcome.message).toMatch(/clone/);
  });

  it.each([
    ["no body at all", undefined, {}],
    ["an empty JSON body", "", { "content-type": "application/json" }],
    ["an empty text body", "", { "content-type": "text/plain" }],
  ])(
    "hands over %s signed over zero bytes (Jira's Exclude body) as no payload",
    async (_, body, headers) => {
      const request = new Request(URL, {
        method: "POST",
        body,
        headers: { "x-hub-signature": await sign("", SECRET), ...headers },
      });
      const outcome = await verifyRequest(request, verifier);
      expect(outcome.ok).toBe(true);
      if (outcome.ok) {
        expect(outcome.webhook.payload).toBeUndefined();
        expect(outcome.webhook.rawBody.byteLength).toBe(0);
      }
    },
  );

  it.each([
    ["unsigned", undefined, "missing_signature"],
    ["signed with another secret", "other", "signature_mismatch"],
  ])("still refuses an empty body %s", async (_, secret, reason) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret) headers["x-hub-signature"] = await sign("", secret);
    const request = new Request(URL, { method: "POST", body: "", headers });
    expect(await verifyRequest(request, verifier)).toMatchObject({
      ok: false,
      status: 401,
      reason,
    });
  });

  it("refuses a signature over zero bytes when the body is not empty", async () => {
    const request = new Request(URL, {
      method: "POST",
      body: "{}",
      headers: { "x-hub-signature": await sign("", SECRET) },
    });
    expect(await verifyRequest(request, verifier)).toMatchObject({ reason: "signature_mismatch" });
  });

  it("reads a custom header, such as GitHub's X-Hub-Signature-256", async () => {
    const { secret, body, header } = GITHUB_VECTOR;
    const request = new Request(URL, {
      method: "POST",
      body,
      headers: { "X-Hub-Signature-256": header, "content-type": "text/plain" },
    });
    const outcome = await verifyRequest(request, createVerifier({ secret }), {
      header: "X-Hub-Signature-256",
    });
    expect(outcome.ok && outcome.webhook.payload).toBe(body);
  });

  it("ignores a retry header that is not a count", async () => {
    const request = await jiraRequest("{}", { "x-atlassian-webhook-retry": "-1" });
    const outcome = await verifyRequest(request, verifier);
    expect(outcome.ok && outcome.webhook.delivery.retry).toBe(0);
  });
});

// How a runtime fails the read when the client is gone without aborting the signal first.
function denoDisconnect(): Error {
  const error = new Error("Cannot read body as underlying resource unavailable");
  error.name = "BadResource";
  return error;
}
const workerdDisconnect = () =>
  Object.assign(new Error("Network connection lost."), { retryable: true });

describe("verifyRequest when the body breaks off", () => {
  function breaking(abort: boolean, error: () => Error = () => new TypeError("terminated")) {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(new TextEncoder().encode('{"partial":'));
        setTimeout(() => {
          if (abort) controller.abort();
          stream.error(error());
        }, 10);
      },
    });
    return new Request(URL, {
      method: "POST",
      body,
      duplex: "half",
      signal: controller.signal,
      headers: { "x-hub-signature": `sha256=${"0".repeat(64)}` },
    } as RequestInit);
  }

  it("rejects with a ClientAbortError when the client went away (the signal is aborted)", async () => {
    const rejection = verifyRequest(breaking(true), verifier);
    await expect(rejection).rejects.toBeInstanceOf(ClientAbortError);
    await expect(rejection).rejects.toMatchObject({ cause: expect.any(TypeError) });
  });

  it.each([
    ["Deno (BadResource; its signal aborts only after the answer)", denoDisconnect],
    ['workerd ("Network connection lost."; its signal never aborts)', workerdDisconnect],
  ])(
    "rejects with a ClientAbortError when %s fails the read of a gone client",
    async (_c, error) => {
      const rejection = verifyRequest(breaking(false, error), verifier);
      await expect(rejection).rejects.toBeInstanceOf(ClientAbortError);
      await expect(rejection).rejects.toMatchObject({ cause: error() });
    },
  );

  it("rethrows any other stream error as it is", async () => {
    await expect(verifyRequest(breaking(false), verifier)).rejects.toThrow("terminated");
    const lookalike = () => new Error("Network connection lost, retrying");
    await expect(verifyRequest(breaking(false, lookalike), verifier)).rejects.toThrow(
      "Network connection lost, retrying",
    );
  });
});

describe("verifyRequest on a body framed by Content-Length", () => {
  // A fetch request as a server hands it over, recording how its body was read: a server's
  // parser ends the body at the declared length, so it is read in one call.
  async function framed(
    body: string,
    headers: Record<string, string>,
    read: () => Promise<ArrayBuffer> = async () => new TextEncoder().encode(body).buffer,
  ) {
    const reads = new Set<string>();
    const all = new Headers({
      "content-type": "application/json",
      "x-hub-signature": await sign(body, SECRET),
      ...headers,
    });
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          reads.add("stream");
          controller.enqueue(bytes);
          controller.close();
        },
      },
      { highWaterMark: 0 }, // pulled only when read
    );
    const request = {
      headers: all,
      bodyUsed: false,
      signal: new AbortController().signal,
      body: stream,
      arrayBuffer: () => (reads.add("arrayBuffer"), read()),
    } as unknown as Request;
    return { request, reads };
  }

  it("reads it in one call, without a stream", async () => {
    const length = String(new TextEncoder().encode(JIRA_BODY).byteLength);
    const { request, reads } = await framed(JIRA_BODY, { "content-length": length });
    const outcome = await verifyRequest(request, verifier);
    expect(outcome).toMatchObject({ ok: true, webhook: { payload: JSON.parse(JIRA_BODY) } });
    expect([...reads]).toEqual(["arrayBuffer"]);
  });

  it("reads a chunked body as a stream, also when a Content-Length comes with it", async () => {
    const { request, reads } = await framed(JIRA_BODY, {
      "content-length": "12",
      "transfer-encoding": "chunked",
    });
    expect((await verifyRequest(request, verifier)).ok).toBe(true);
    expect([...reads]).toEqual(["stream"]);
  });

  it.each(["", "+12", "1e3", "12, 12", "-1", "0x10"])(
    "reads the stream when Content-Length is %j, not a plain count",
    async (value) => {
      const { request, reads } = await framed(JIRA_BODY, { "content-length": value });
      await verifyRequest(request, verifier, { maxBodyBytes: 1 << 20 });
      expect([...reads]).toEqual(["stream"]);
    },
  );

  it("still refuses what came past the limit, whatever the header said", async () => {
    const big = "x".repeat(4096);
    const { request } = await framed(big, { "content-length": "10" });
    expect(await verifyRequest(request, verifier, { maxBodyBytes: 1024 })).toMatchObject({
      status: 413,
      reason: "body_too_large",
    });
  });

  it.each([
    ["a disconnect (workerd)", workerdDisconnect, ClientAbortError],
    ["a disconnect (Deno)", denoDisconnect, ClientAbortError],
    ["any other error", () => new TypeError("Body is unusable"), TypeError],
  ])("rejects on %s during the read as the stream path does", async (_c, error, type) => {
    const { request } = await framed("{}", { "content-length": "2" }, () =>
      Promise.reject(error()),
    );
    await expect(verifyRequest(request, verifier)).rejects.toBeInstanceOf(type);
  });
});

describe("refuseEncoding", () => {
  it.each([undefined, null, "", "identity", " Identity "])("lets %s through", (value) => {
    expect(refuseEncoding(value)).toBeUndefined();
  });
  it.each(["gzip", "br", "deflate", "gzip, identity"])("refuses %s", (value) => {
    expect(refuseEncoding(value)).toMatchObject({ status: 415 });
  });
});

describe("failure responses", () => {
  it("are JSON with error and message", async () => {
    const outcome = await verifyDelivery(new Uint8Array(), () => undefined, verifier);
    if (outcome.ok) throw new Error("expected a failure");
    const response = failureResponse(outcome);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: "missing_signature", message: outcome.message });
    expect(JSON.parse(failureBody(outcome)).error).toBe("missing_signature");
  });
});
