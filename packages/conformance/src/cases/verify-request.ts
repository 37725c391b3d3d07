import { deepEqual, equal, ok } from "../assert.ts";
import type { Case, Context } from "../types.ts";
import { GITHUB_VECTOR, JIRA_BODY } from "../vectors.ts";

const SECRET = "jira-secret";
const URL = "https://hooks.example/webhooks/jira";

async function jiraRequest(
  { core }: Context,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<Request> {
  return new Request(URL, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature": await core.sign(body, SECRET),
      ...headers,
    },
  });
}

/** Runs `verifyRequest` from `@hubsig/core/request` and checks a refusal and its Response. */
async function expectRefused(
  context: Context,
  request: Request,
  status: number,
  reason: string,
  options: { maxBodyBytes?: number } = {},
): Promise<void> {
  const verifier = context.core.createVerifier({ secret: SECRET });
  const outcome = await context.request.verifyRequest(request, verifier, options);
  ok(!outcome.ok, `expected a refusal with ${reason}`);
  equal(outcome.reason, reason, "reason");
  equal(outcome.status, status, "status");
  const response = context.request.failureResponse(outcome);
  equal(response.status, status, "response status");
  ok(response.headers.get("content-type")?.startsWith("application/json"), "JSON response");
  const body = (await response.json()) as { error: string; message: string };
  equal(body.error, reason, "body.error");
  equal(body.message, outcome.message, "body.message");
}

/**
 * The fetch pipeline with real `Request` objects of the runtime.
 *
 * @example
 * ```ts
 * for (const conformanceCase of verifyRequestCases) await conformanceCase.run(context);
 * ```
 */
export const verifyRequestCases: Case[] = [
  {
    name: "verifyRequest: a valid Jira delivery gives payload, raw bytes and delivery headers",
    async run(context) {
      const verifier = context.core.createVerifier({ secret: ["new-secret", SECRET] });
      const request = await jiraRequest(context, JIRA_BODY, {
        "X-Atlassian-Webhook-Identifier": "b1a2c3d4-0000-4000-8000-000000000001",
        "X-Atlassian-Webhook-Retry": "2",
        "X-Atlassian-Webhook-Flow": "Secondary",
      });
      const outcome = await context.request.verifyRequest(request, verifier);
      ok(outcome.ok, `expected a verified delivery, got ${JSON.stringify(outcome)}`);
      const { webhook } = outcome;
      deepEqual(webhook.payload, JSON.parse(JIRA_BODY), "payload");
      equal(new TextDecoder().decode(webhook.rawBody), JIRA_BODY, "rawBody");
      equal(webhook.algorithm, "sha256", "algorithm");
      equal(webhook.secretIndex, 1, "secretIndex");
      deepEqual(
        webhook.delivery,
        { id: "b1a2c3d4-0000-4000-8000-000000000001", retry: 2, flow: "Secondary" },
        "delivery",
      );
    },
  },
  {
    name: "verifyRequest: GitHub's vector under a custom header, text body",
    async run({ core, request }) {
      const { secret, body, header } = GITHUB_VECTOR;
      const outcome = await request.verifyRequest(
        new Request(URL, {
          method: "POST",
          body,
          headers: { "content-type": "text/plain", "X-Hub-Signature-256": header },
        }),
        core.createVerifier({ secret }),
        { header: "X-Hub-Signature-256" },
      );
      ok(outcome.ok, `expected a verified delivery, got ${JSON.stringify(outcome)}`);
      equal(outcome.webhook.payload, body, "payload is the text");
      deepEqual(outcome.webhook.delivery, { retry: 0 }, "delivery");
    },
  },
  {
    name: "verifyRequest: missing signature -> 401 missing_signature",
    async run(context) {
      const request = new Request(URL, { method: "POST", body: JIRA_BODY });
      await expectRefused(context, request, 401, "missing_signature");
    },
  },
  {
    name: "verifyRequest: tampered body -> 401 signature_mismatch",
    async run(context) {
      const header = await context.core.sign(JIRA_BODY, SECRET);
      const tampered = JIRA_BODY.replace("HUB-7", "HUB-8");
      const request = new Request(URL, {
        method: "POST",
        body: tampered,
        headers: { "content-type": "application/json", "x-hub-signature": header },
      });
      await expectRefused(context, request, 401, "signature_mismatch");
    },
  },
  {
    name: "verifyRequest: malformed signature -> 400 malformed_signature",
    async run(context) {
      const request = await jiraRequest(context, JIRA_BODY, { "x-hub-signature": "sha256=xyz" });
      await expectRefused(context, request, 400, "malformed_signature");
    },
  },
  {
    name: "verifyRequest: gzip Content-Encoding -> 415 unsupported_encoding",
    async run(context) {
      const request = await jiraRequest(context, JIRA_BODY, { "content-encoding": "gzip" });
      await expectRefused(context, request, 415, "unsupported_encoding");
    },
  },
  {
    name: "verifyRequest: body over maxBodyBytes -> 413 body_too_large",
    async run(context) {
      const request = await jiraRequest(context, JSON.stringify({ pad: "x".repeat(2048) }));
      await expectRefused(context, request, 413, "body_too_large", { maxBodyBytes: 1024 });
    },
  },
  {
    name: "verifyRequest: an endless streamed body -> 413 and the stream is cancelled",
    async run(context) {
      let pulls = 0;
      let cancelled = false;
      const chunk = new Uint8Array(256).fill(0x20);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulls++;
          controller.enqueue(chunk.slice());
        },
        cancel() {
          cancelled = true;
        },
      });
      const request = new Request(URL, {
        method: "POST",
        body: stream,
        headers: { "x-hub-signature": `sha256=${"ab".repeat(32)}` },
        duplex: "half",
      } as RequestInit);
      await expectRefused(context, request, 413, "body_too_large", { maxBodyBytes: 4096 });
      ok(pulls < 64, `read ${pulls} chunks of 256 bytes for a 4096-byte limit`);
      // Some runtimes propagate the cancel asynchronously.
      for (let i = 0; i < 100 && !cancelled; i++) await new Promise((r) => setTimeout(r, 10));
      ok(cancelled, "the request stream was not cancelled");
    },
  },
  {
    name: "verifyRequest: signed body that is not JSON -> 400 invalid_json",
    async run(context) {
      const request = await jiraRequest(context, '{"webhookEvent": "jira:issue_created",');
      await expectRefused(context, request, 400, "invalid_json");
    },
  },
  {
    name: "verifyRequest: UTF-8 JSON behind a byte order mark parses as TextDecoder reads it",
    async run(context) {
      const text = '{"summary":"Zoë Łukasiewicz: 日本語のエラー 🐢","key":"ŻÓŁW-128"}';
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
      const request = await jiraRequest(context, bytes);
      const verifier = context.core.createVerifier({ secret: SECRET });
      const outcome = await context.request.verifyRequest(request, verifier);
      ok(outcome.ok, outcome.ok ? "" : outcome.message);
      deepEqual(outcome.webhook.payload, JSON.parse(text), "payload");
    },
  },
  {
    name: "verifyRequest: signed JSON that is not valid UTF-8 -> 400 invalid_json",
    async run(context) {
      // "café" with é as one Latin-1 byte, and an encoded surrogate: both malformed UTF-8.
      for (const bytes of [
        Uint8Array.of(0x22, 0x63, 0x61, 0x66, 0xe9, 0x22),
        Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22),
      ]) {
        await expectRefused(context, await jiraRequest(context, bytes), 400, "invalid_json");
      }
    },
  },
  {
    name: "verifyRequest: a body already read -> 500 body_unavailable",
    async run(context) {
      const request = await jiraRequest(context, JIRA_BODY);
      await request.text();
      await expectRefused(context, request, 500, "body_unavailable");
    },
  },
];
