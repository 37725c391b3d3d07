import assert from "node:assert/strict";
import { sign } from "@hubsig/core";

const SECRET = "demo-current-secret";
const PREVIOUS = "demo-previous-secret";
const MAIN = new URL("./main.ts", import.meta.url);
const BODY = JSON.stringify({
  webhookEvent: "jira:issue_updated",
  issue: { key: "HUB-42", fields: { summary: "Ünïcödé 東京 🚀" } },
});
const HEADERS = {
  "content-type": "application/json",
  "x-atlassian-webhook-identifier": "0f6b7c1e-5d44-4c4a-9a27-1e2b3c4d5e6f",
  "x-atlassian-webhook-retry": "0",
  "x-atlassian-webhook-flow": "Secondary",
};

interface Demo {
  url: string;
  /** Waits until the demo has printed `text`, and returns everything printed so far. */
  printed(text: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts main.ts in a child Deno on port 0 and reads the address it prints. */
async function startDemo(env: Record<string, string>): Promise<Demo> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", MAIN.pathname],
    env: { PORT: "0", HOST: "127.0.0.1", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  let changed = Promise.withResolvers<void>();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      output += text;
      changed.resolve();
      changed = Promise.withResolvers<void>();
    }
  };
  const collecting = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const printed = async (text: string) => {
    const deadline = AbortSignal.timeout(10_000);
    while (!output.includes(text)) {
      if (deadline.aborted) throw new Error(`demo never printed ${text}:\n${output}`);
      await Promise.race([changed.promise, new Promise((r) => setTimeout(r, 100))]);
    }
    return output;
  };
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    await child.status;
    await collecting;
  };
  try {
    const banner = (await printed("\n")).match(/deno-demo listening on (http:\/\/\S+)/);
    assert.ok(banner, output);
    return { url: `${banner[1]}/webhooks/jira`, printed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: "POST", body, headers });
  return { status: response.status, json: await response.json() };
}

Deno.test("deno-demo verifies Jira deliveries on POST /webhooks/jira", async () => {
  const demo = await startDemo({
    JIRA_WEBHOOK_SECRET: SECRET,
    JIRA_WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
  });
  try {
    assert.match(demo.url, /^http:\/\/127\.0\.0\.1:\d+\/webhooks\/jira$/);
    assert.doesNotMatch(demo.url, /:0\//);
    for (const [secret, secretIndex, matched] of [
      [SECRET, 0, "current"],
      [PREVIOUS, 1, "previous"],
    ] as const) {
      const result = await post(demo.url, BODY, {
        ...HEADERS,
        "x-hub-signature": await sign(BODY, secret),
      });
      assert.deepEqual(result, {
        status: 200,
        json: {
          event: "jira:issue_updated",
          issueKey: "HUB-42",
          algorithm: "sha256",
          secretIndex,
          delivery: { id: "0f6b7c1e-5d44-4c4a-9a27-1e2b3c4d5e6f", retry: 0, flow: "Secondary" },
          rawBodyBytes: new TextEncoder().encode(BODY).byteLength,
        },
      });
      await demo.printed(
        `jira:issue_updated HUB-42 delivery=0f6b7c1e-5d44-4c4a-9a27-1e2b3c4d5e6f retry=0 flow=Secondary secret=${matched}`,
      );
    }

    const tampered = await post(demo.url, BODY.replace("HUB-42", "HUB-43"), {
      ...HEADERS,
      "x-hub-signature": await sign(BODY, SECRET),
    });
    assert.equal(tampered.status, 401);
    assert.equal(tampered.json.error, "signature_mismatch");
    await demo.printed("refused 401 signature_mismatch");

    const unsigned = await post(demo.url, BODY, HEADERS);
    assert.deepEqual([unsigned.status, unsigned.json.error], [401, "missing_signature"]);

    const sha1 = await post(demo.url, BODY, {
      ...HEADERS,
      "x-hub-signature": await sign(BODY, SECRET, "sha1"),
    });
    assert.deepEqual([sha1.status, sha1.json.error], [400, "unsupported_algorithm"]);

    const big = JSON.stringify({ padding: "x".repeat(1024 * 1024) });
    const tooLarge = await post(demo.url, big, {
      ...HEADERS,
      "x-hub-signature": await sign(big, SECRET),
    });
    assert.deepEqual([tooLarge.status, tooLarge.json.error], [413, "body_too_large"]);

    const other = await fetch(demo.url.replace("/webhooks/jira", "/webhooks/github"), {
      method: "POST",
      body: BODY,
    });
    assert.equal(other.status, 404);
    await other.body?.cancel();
    const get = await fetch(demo.url);
    assert.deepEqual([get.status, get.headers.get("allow")], [405, "POST"]);
    await get.body?.cancel();
  } finally {
    await demo.stop();
  }
});

Deno.test("deno-demo refuses to start without JIRA_WEBHOOK_SECRET", async () => {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", MAIN.pathname],
    env: { PORT: "0" },
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 1);
  assert.match(new TextDecoder().decode(stderr), /set JIRA_WEBHOOK_SECRET/);
});
