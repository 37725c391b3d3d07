import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sign } from "@hubsig/core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type RedisServer, startRedisServer } from "./redis-server.js";

const SECRET = "multi-server-secret";
const dir = mkdtempSync(join(tmpdir(), "hubsig-servers-"));
const started: ChildProcess[] = [];

interface DeliveryServer {
  url: string;
  child: ChildProcess;
  stderr(): string;
}

/** One receiver process (test/delivery-server.ts) with its own Redis client. */
async function startServer(env: Record<string, string>): Promise<DeliveryServer> {
  const child = spawn(process.execPath, [inject("serverScript")], {
    env: { ...process.env, SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [line] = (await Promise.race([
    once(child.stdout as NodeJS.ReadableStream, "data"),
    once(child, "exit").then(() => {
      throw new Error(`delivery server exited:\n${stderr}`);
    }),
  ])) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  return { url: `http://127.0.0.1:${port}`, child, stderr: () => stderr };
}

/** Two receivers on different ports sharing one Redis: one on ioredis, one on node-redis. */
async function startPair(env: Record<string, string>) {
  const shared = { PREFIX: `servers:${randomUUID()}:`, ...env };
  return Promise.all([
    startServer({ ...shared, CLIENT: "ioredis" }),
    startServer({ ...shared, CLIENT: "redis" }),
  ]);
}

/** Sends a signed Jira-style delivery, as Jira would on its first attempt or a retry. */
async function deliver(server: DeliveryServer, id: string, payload: object = {}, retry = 0) {
  const body = JSON.stringify({ webhookEvent: "jira:issue_updated", ...payload });
  const response = await fetch(`${server.url}/webhook`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature": await sign(body, SECRET),
      "x-atlassian-webhook-identifier": id,
      "x-atlassian-webhook-retry": String(retry),
      "x-atlassian-webhook-flow": "Primary",
    },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * Retries as Jira does while the previous attempt's release is still on its way to Redis: the
 * failed attempt is answered without waiting for it, so a retry sent at once may meet 409.
 */
async function redeliver(server: DeliveryServer, id: string, payload: object, retry: number) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const answer = await deliver(server, id, payload, retry);
    if (answer.status !== 409) return answer;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`delivery ${id} still answered 409 after 40 retries`);
}

function runsFile() {
  return join(dir, `${randomUUID()}.runs`);
}

/** How many times each delivery's handler ran, across all processes. */
function runs(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {}
  for (const id of text.split("\n").filter(Boolean)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

afterAll(async () => {
  await Promise.all(
    started.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe("two server processes sharing Redis", () => {
  const file = runsFile();
  let a: DeliveryServer;
  let b: DeliveryServer;

  beforeAll(async () => {
    [a, b] = await startPair({ REDIS_URL: inject("redisUrl"), RUNS: file, LEASE_MS: "10000" });
  });

  it("run the handler exactly once per delivery when both get it at the same time, 50 times", async () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());
    // The handler works long enough for the other copy to arrive while it runs.
    const answers = await Promise.all(
      ids.map((id) =>
        Promise.all([deliver(a, id, { sleepMs: 400 }), deliver(b, id, { sleepMs: 400 })]),
      ),
    );
    for (const pair of answers) {
      const statuses = pair.map((answer) => answer.status).sort();
      // One ran it; the other came while it ran (409, retried) or after it finished (duplicate).
      expect([
        [204, 409],
        [200, 204],
      ]).toContainEqual(statuses);
      const refused = pair.find((answer) => answer.status !== 204);
      expect(refused?.body).toEqual(
        refused?.status === 409
          ? { error: "delivery_in_progress", message: expect.any(String) }
          : { duplicate: true },
      );
    }
    // The race really happened: some second copies arrived while the first one ran.
    expect(answers.some((pair) => pair.some((answer) => answer.status === 409))).toBe(true);
    const counts = runs(file);
    expect(ids.map((id) => counts.get(id))).toEqual(ids.map(() => 1));

    // Jira retries the 409s, on either server: they are duplicates now.
    const retries = await Promise.all(
      ids.flatMap((id) => [deliver(a, id, {}, 1), deliver(b, id, {}, 1)]),
    );
    expect(retries.every((answer) => answer.status === 200 && answer.body.duplicate)).toBe(true);
    expect(ids.map((id) => runs(file).get(id))).toEqual(ids.map(() => 1));
  });

  it("run a handler that answered 500 again on the retry, on the other server", async () => {
    const id = randomUUID();
    expect((await deliver(a, id, { failTimes: 1 })).status).toBe(500);
    expect((await redeliver(b, id, { failTimes: 1 }, 1)).status).toBe(204);
    expect((await deliver(a, id, { failTimes: 1 }, 2)).status).toBe(200);
    expect(runs(file).get(id)).toBe(2);
  });

  it("run a handler that threw again on the retry", async () => {
    const id = randomUUID();
    expect(await deliver(b, id, { throwTimes: 1 })).toEqual({
      status: 500,
      body: { error: "handler_failed" },
    });
    expect((await redeliver(a, id, { throwTimes: 1 }, 1)).status).toBe(204);
    expect((await deliver(b, id, { throwTimes: 1 }, 2)).status).toBe(200);
    expect(runs(file).get(id)).toBe(2);
  });

  it("never deduplicate a delivery without an identifier, nor let a forged one in", async () => {
    const body = JSON.stringify({ webhookEvent: "jira:issue_updated" });
    const post = (headers: Record<string, string>) =>
      fetch(`${a.url}/webhook`, { method: "POST", body, headers }).then((r) => r.status);
    const signature = await sign(body, SECRET);
    expect(await post({ "x-hub-signature": signature })).toBe(204);
    expect(await post({ "x-hub-signature": signature })).toBe(204);
    expect(runs(file).get("undefined")).toBe(2);
    const forged = `sha256=${"0".repeat(64)}`;
    const id = randomUUID();
    expect(await post({ "x-hub-signature": forged, "x-atlassian-webhook-identifier": id })).toBe(
      401,
    );
    expect((await deliver(b, id)).status).toBe(204); // the forgery claimed nothing
  });
});

describe("two server processes sharing Redis, with replay", () => {
  const file = runsFile();
  let a: DeliveryServer;
  let b: DeliveryServer;

  beforeAll(async () => {
    [a, b] = await startPair({ REDIS_URL: inject("redisUrl"), RUNS: file, REPLAY: "1" });
  });

  it("answer the same signed bytes under a new identifier on the other server as a duplicate", async () => {
    const timestamp = Date.now();
    const first = randomUUID();
    expect((await deliver(a, first, { timestamp })).status).toBe(204);
    const replayed = await deliver(b, randomUUID(), { timestamp });
    expect(replayed).toEqual({ status: 200, body: { duplicate: true } });
    expect((await deliver(a, randomUUID(), { timestamp })).status).toBe(200);
    expect(runs(file).get(first)).toBe(1);
    expect(runs(file).size).toBe(1);
  });

  it("refuse a delivery whose signed timestamp is outside the window, on either server", async () => {
    const old = Date.now() - 2 * 3_600_000;
    for (const server of [a, b]) {
      const answer = await deliver(server, randomUUID(), { timestamp: old });
      expect(answer).toMatchObject({ status: 400, body: { error: "stale_delivery" } });
    }
  });
});

describe("an expired lease", () => {
  it("lets Jira's retry run the handler again on another server", async () => {
    const file = runsFile();
    const [a, b] = await startPair({ REDIS_URL: inject("redisUrl"), RUNS: file, LEASE_MS: "1000" });
    const id = randomUUID();
    const slow = deliver(a, id, { sleepMs: 4_000 });
    await expect.poll(() => runs(file).get(id)).toBe(1);
    expect((await deliver(b, id, {}, 1)).status).toBe(409); // the lease still holds
    await sleep(1_100); // the lease was taken before the handler ran: it has run out now
    expect((await deliver(b, id, {}, 2)).status).toBe(204); // run again while the first still works
    expect(runs(file).get(id)).toBe(2);
    expect((await slow).status).toBe(204);
    expect(runs(file).get(id)).toBe(2);
    expect((await deliver(a, id, {}, 3)).status).toBe(200);
  });
});

describe("Redis going away mid-run", () => {
  let redis: RedisServer | undefined;

  afterEach(async () => {
    await redis?.stop();
  });

  it("answers 503 while it is gone, keeps the servers up, and runs the delivery once it is back", async () => {
    redis = await startRedisServer();
    const file = runsFile();
    const servers = await startPair({
      REDIS_URL: redis.url,
      RUNS: file,
      LEASE_MS: "1000",
      TIMEOUT_MS: "300",
    });
    for (const server of servers) expect((await deliver(server, randomUUID())).status).toBe(204);

    // Redis stops while a handler works: the work is done, so its answer stands.
    const running = randomUUID();
    const answer = deliver(servers[0], running, { sleepMs: 1_500 });
    await expect.poll(() => runs(file).get(running)).toBe(1);
    await redis.stop();
    expect((await answer).status).toBe(204);
    await expect.poll(() => servers[0].stderr()).toContain(`store_error complete ${running}`);

    // New deliveries are refused with 503, which Jira retries; no handler runs.
    const waiting = randomUUID();
    for (const server of servers) {
      expect(await deliver(server, waiting)).toEqual({
        status: 503,
        body: { error: "store_unavailable", message: expect.any(String) },
      });
    }
    expect(runs(file).get(waiting)).toBeUndefined();
    for (const server of servers) {
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    }

    // Redis comes back; Jira's retries get through once the clients have reconnected. A
    // command that timed out may still be sent on reconnection and hold a lease: 409 until
    // it runs out, retried like the rest.
    redis = await startRedisServer(redis.port);
    for (const [index, server] of servers.entries()) {
      const seen = new Set<number>();
      let status = 0;
      for (let retry = 1; retry <= 40 && status !== 204; retry++) {
        status = (await deliver(server, `${waiting}-${index}`, {}, retry)).status;
        seen.add(status);
        if (status !== 204) await sleep(250);
      }
      expect(status).toBe(204);
      expect([...seen].every((s) => [503, 409, 204].includes(s))).toBe(true);
      expect(runs(file).get(`${waiting}-${index}`)).toBe(1);
    }
  });
});
