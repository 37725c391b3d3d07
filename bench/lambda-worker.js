// One fresh process of the Lambda benchmark: the cost of one invocation of a handler built with
// @hubsig/lambda, against the same handler written by hand, over the same payload 2.0 events
// (function URL / HTTP API), in one process, interleaved (each round runs both in a new random
// order), by the wall clock and by process CPU time. Prints one JSON line; run.js starts several
// of these and takes medians across them.

import { Buffer } from "node:buffer";
import { createHmac, timingSafeEqual } from "node:crypto";
import { withVerifiedWebhook } from "@hubsig/lambda";
import { measure } from "mitata";
import { jiraBody, SECRET } from "./bodies.js";
import { forgedSignature, signatureFor } from "./contenders.js";
import { median, shuffle } from "./stats.js";

const smoke = process.argv.includes("--smoke");
const rounds = smoke ? 1 : Number(process.env.HUBSIG_BENCH_ROUNDS ?? 4);
const cpuTimeNs = smoke ? 1e6 : Number(process.env.HUBSIG_BENCH_SLICE_MS ?? 40) * 1e6;

const OURS = "@hubsig/lambda withVerifiedWebhook";
const BY_HAND = "by hand: decode + createHmac + timingSafeEqual + JSON.parse";

// What both handlers do once the delivery is verified.
const route = (payload) => ({ statusCode: payload.webhookEvent ? 204 : 200 });

const ours = withVerifiedWebhook({ secret: SECRET }, async (webhook) => route(webhook.payload));

// The handler a careful user writes without the package, for these events only: the header by
// its lowercase name (payload 2.0 lowercases them), Buffer's lenient base64 decoding, no limit.
async function byHand(event) {
  const header = event.headers["x-hub-signature"];
  if (typeof header !== "string" || !header.startsWith("sha256=")) return { statusCode: 401 };
  const expected = Buffer.from(header.slice(7), "hex");
  const text = event.body ?? "";
  const body = event.isBase64Encoded ? Buffer.from(text, "base64") : Buffer.from(text, "utf8");
  const mac = createHmac("sha256", SECRET).update(body).digest();
  if (expected.length !== mac.length || !timingSafeEqual(expected, mac)) {
    return { statusCode: 401 };
  }
  return route(JSON.parse(body.toString("utf8")));
}

const CONTENDERS = [
  { name: OURS, run: ours },
  { name: BY_HAND, run: byHand },
];

// A function URL event, as apps/lambda-demo's bridge and packages/lambda's tests build it.
function event(bytes, signature, base64) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/webhooks/jira",
    rawQueryString: "",
    headers: {
      "content-type": "application/json",
      host: "abcdefg7hijklmnop3qrstuvwxyz4a5b.lambda-url.us-east-1.on.aws",
      "user-agent": "Atlassian Webhook HTTP Client",
      "x-amzn-trace-id": "Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e",
      "x-atlassian-webhook-flow": "Primary",
      "x-atlassian-webhook-identifier": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      "x-atlassian-webhook-retry": "0",
      "x-forwarded-for": "54.240.196.186",
      "x-forwarded-port": "443",
      "x-forwarded-proto": "https",
      "x-hub-signature": signature,
    },
    requestContext: {
      accountId: "anonymous",
      apiId: "abcdefg7hijklmnop3qrstuvwxyz4a5b",
      domainName: "abcdefg7hijklmnop3qrstuvwxyz4a5b.lambda-url.us-east-1.on.aws",
      domainPrefix: "abcdefg7hijklmnop3qrstuvwxyz4a5b",
      http: {
        method: "POST",
        path: "/webhooks/jira",
        protocol: "HTTP/1.1",
        sourceIp: "54.240.196.186",
        userAgent: "Atlassian Webhook HTTP Client",
      },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey: "$default",
      stage: "$default",
      time: "04/Mar/2026:19:15:17 +0000",
      timeEpoch: 1772651717135,
    },
    body: base64 ? Buffer.from(bytes).toString("base64") : Buffer.from(bytes).toString("utf8"),
    isBase64Encoded: base64,
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "jira-webhook",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:jira-webhook",
  memoryLimitInMB: "128",
  awsRequestId: "8f507cfc-xmpl-4697-b07a-ac58fc914c95",
  logGroupName: "/aws/lambda/jira-webhook",
  logStreamName: "2026/03/04/[$LATEST]e6f4a0c4241adcd70c262d34c0bbc85c",
  getRemainingTimeInMillis: () => 30_000,
};

const BODIES = [
  { label: "Jira 1 KiB", body: jiraBody(1024) },
  { label: "Jira 4 KiB", body: jiraBody(4096) },
  { label: "Jira 64 KiB", body: jiraBody(65536) },
];

const results = [];
const errors = [];

for (const { label, body } of BODIES) {
  const signature = signatureFor(SECRET, body);
  for (const base64 of [false, true]) {
    const name = `${label}, ${base64 ? "base64" : "text"}`;
    const valid = event(body, signature, base64);
    const forged = event(body, forgedSignature(signature), base64);
    let checked = true;
    for (const { name: contender, run } of CONTENDERS) {
      const accepted = (await run(valid, context)).statusCode;
      const refused = (await run(forged, context)).statusCode;
      if (accepted !== 204 || refused !== 401) {
        errors.push(`${name}: ${contender} answered ${accepted} (valid) and ${refused} (forged)`);
        checked = false;
      }
    }
    if (!checked) continue;
    const wall = new Map(CONTENDERS.map((c) => [c.name, []]));
    const cpu = new Map(CONTENDERS.map((c) => [c.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const { name: contender, run } of shuffle([...CONTENDERS])) {
        const fn = () => run(valid, context);
        wall.get(contender).push((await measure(fn, options())).p50);
        cpu.get(contender).push((await measure(fn, { ...options(), now: cpuNow })).p50);
      }
    }
    // Ours / by hand within each round, where the two ran moments apart: on a shared machine
    // the speed drifts between rounds, and the pairing cancels most of that.
    const paired = (times) =>
      times.get(OURS).map((ours, round) => ours / times.get(BY_HAND)[round]);
    for (const { name: contender } of CONTENDERS) {
      results.push({
        body: name,
        bytes: body.length,
        contender,
        wallNs: median(wall.get(contender)),
        cpuNs: median(cpu.get(contender)),
        ...(contender === OURS ? { cpuRatios: paired(cpu), wallRatios: paired(wall) } : {}),
      });
    }
  }
}

function options() {
  return {
    min_cpu_time: cpuTimeNs,
    batch_samples: smoke ? 4 : 128,
    min_samples: smoke ? 2 : 8,
    warmup_samples: smoke ? 1 : 2,
  };
}

function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

process.stdout.write(`${JSON.stringify({ results, errors })}\n`);
