// Starts server.js with PORT=0 and sends it deliveries over HTTP, as Jira would send them to the
// function URL: each answer and log line comes from handler.js behind the bridge.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { sign } from "@hubsig/core";

const SERVER = fileURLToPath(new URL("./server.js", import.meta.url));
const SECRET = "current-demo-secret";
const PREVIOUS = "previous-demo-secret";
const BODY = JSON.stringify({
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_created",
  issue: { key: "HUB-7", fields: { summary: "Zoë 東京 🚀" } },
});

let child;
let url;
let output = "";

before(async () => {
  child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      JIRA_WEBHOOK_SECRET: SECRET,
      JIRA_WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 10_000;
  while (!/listening on (http:\/\/\S+)/.test(output)) {
    assert.ok(Date.now() < deadline, `no banner:\n${output}`);
    assert.equal(child.exitCode, null, `exited:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  url = `${/listening on (http:\/\/\S+)/.exec(output)[1]}/webhooks/jira`;
});

after(async () => {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
});

async function deliver(body, headers) {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), text };
}

async function logged(pattern) {
  const deadline = Date.now() + 2000;
  while (!pattern.test(output)) {
    assert.ok(Date.now() < deadline, `no log line ${pattern}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("says in its banner that it is a local bridge", () => {
  assert.match(output, /a local bridge to handler\.js, not API Gateway/);
});

test("runs a signed delivery through the handler and logs it", async () => {
  const answer = await deliver(BODY, {
    "x-hub-signature": await sign(BODY, SECRET),
    "x-atlassian-webhook-identifier": "demo-1",
  });
  assert.equal(answer.status, 204);
  await logged(
    /event=jira:issue_created issue=HUB-7 delivery=demo-1 retry=0 flow=- secret=current/,
  );
});

test("accepts the previous secret and logs it", async () => {
  const answer = await deliver(BODY, {
    "X-Hub-Signature": await sign(BODY, PREVIOUS),
    "X-Atlassian-Webhook-Identifier": "demo-2",
  });
  assert.equal(answer.status, 204);
  await logged(/delivery=demo-2 retry=0 flow=- secret=previous/);
});

test("refuses a tampered body with the shared JSON answer and an onFailure line", async () => {
  const answer = await deliver(BODY.replace("HUB-7", "HUB-8"), {
    "x-hub-signature": await sign(BODY, SECRET),
    "x-atlassian-webhook-identifier": "demo-3",
  });
  assert.equal(answer.status, 401);
  assert.match(answer.type, /^application\/json/);
  assert.deepEqual(Object.keys(JSON.parse(answer.text)), ["error", "message"]);
  assert.equal(JSON.parse(answer.text).error, "signature_mismatch");
  await logged(/refused delivery=demo-3 status=401 reason=signature_mismatch/);
});

test("verifies a binary body, which the bridge base64-encodes, over its bytes", async () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const answer = await deliver(bytes, {
    "content-type": "application/octet-stream",
    "x-hub-signature": await sign(bytes, SECRET),
  });
  assert.equal(answer.status, 204);
});

test('takes an "Exclude body" delivery, signed over zero bytes', async () => {
  const answer = await deliver("", {
    "x-hub-signature": await sign("", SECRET),
    "x-atlassian-webhook-identifier": "demo-4",
  });
  assert.equal(answer.status, 204);
  await logged(/event=- issue=- delivery=demo-4/);
});

test("refuses gzip with 415 and a body over 1 MiB with 413", async () => {
  const zipped = gzipSync(BODY);
  const gzip = await deliver(zipped, {
    "content-encoding": "gzip",
    "x-hub-signature": await sign(zipped, SECRET),
  });
  assert.equal(gzip.status, 415);
  const big = JSON.stringify({
    webhookEvent: "jira:issue_updated",
    pad: "x".repeat(1.5 * 1024 * 1024),
  });
  const large = await deliver(big, { "x-hub-signature": await sign(big, SECRET) });
  assert.equal(large.status, 413);
  assert.equal(JSON.parse(large.text).error, "body_too_large");
});

test("refuses to start without JIRA_WEBHOOK_SECRET", async () => {
  const lone = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: "0", JIRA_WEBHOOK_SECRET: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  lone.stderr.on("data", (chunk) => (text += chunk));
  const [code] = await once(lone, "exit");
  assert.equal(code, 1);
  assert.match(text, /JIRA_WEBHOOK_SECRET is not set/);
});
