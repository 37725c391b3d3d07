import { randomUUID } from "node:crypto";
import { describeDeliveryStoreContract } from "@hubsig/test-kit/store-contract";
import { Redis as IoRedis } from "ioredis";
import { Redis as IoRedis5 } from "ioredis5";
import { createClient } from "redis";
import { createClient as createClient4 } from "redis4";
import { createClient as createClient5 } from "redis5";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { RedisClientLike } from "./redis-commands.js";
import { redisDeliveryStore } from "./redis-delivery-store.js";

const url = inject("redisUrl");
const opened: { quit(): Promise<unknown> }[] = [];

/** Every supported client major, connected to the test's redis-server. */
const clients: [string, () => Promise<RedisClientLike>][] = [
  ["ioredis 6", async () => track(new IoRedis(url))],
  ["ioredis 5", async () => track(new IoRedis5(url))],
  ["redis 6", async () => track(await createClient({ url }).connect())],
  ["redis 5", async () => track(await createClient5({ url }).connect())],
  ["redis 4", async () => track(await createClient4({ url }).connect())],
];

function track<T extends { quit(): Promise<unknown> }>(client: T): T {
  opened.push(client);
  return client;
}

// Raw access to check what the store wrote.
const raw = track(new IoRedis(url));

afterAll(async () => {
  await Promise.all(opened.map((client) => client.quit()));
});

describe.each(clients)("redisDeliveryStore with %s", (_, connect) => {
  // Two stores opened with one namespace share it: two processes on one Redis.
  describeDeliveryStoreContract({
    open: async (namespace) => redisDeliveryStore(await connect(), { prefix: namespace }),
    shared: true,
  });

  const prefix = () => `test:${randomUUID()}:`;

  it("writes one key per delivery: the attempt's lease with leaseMs, then done with ttlMs", async () => {
    const p = prefix();
    const store = redisDeliveryStore(await connect(), { prefix: p });
    expect(await store.begin("a", 10_000, "attempt-1")).toBe("new");
    expect(await raw.get(`${p}a`)).toBe("lease:attempt-1");
    expect(await raw.pttl(`${p}a`)).toBeGreaterThan(9_000);
    await store.complete("a", 60_000, "attempt-1");
    expect(await raw.get(`${p}a`)).toBe("done");
    const ttl = await raw.pttl(`${p}a`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.abandon("a", "attempt-1");
    expect(await raw.get(`${p}a`)).toBe("done");
  });

  it("keeps prefixes apart", async () => {
    const client = await connect();
    const one = redisDeliveryStore(client, { prefix: prefix() });
    const two = redisDeliveryStore(client, { prefix: prefix() });
    await one.begin("a", 10_000, "l1");
    await one.complete("a", 60_000, "l1");
    expect(await two.begin("a", 10_000, "l2")).toBe("new");
  });

  it("claims a lease for a caller that brings none, and never releases it by mistake", async () => {
    const p = prefix();
    const legacy = redisDeliveryStore(await connect(), { prefix: p }) as unknown as {
      begin(id: string, leaseMs: number): Promise<string>;
      abandon(id: string): Promise<void>;
    };
    expect(await legacy.begin("a", 10_000)).toBe("new");
    expect(await raw.get(`${p}a`)).toMatch(/^lease:[0-9a-f-]{36}$/);
    await legacy.abandon("a");
    expect(await raw.get(`${p}a`)).toMatch(/^lease:/); // it runs out by itself
  });
});

describe("redisDeliveryStore without a working Redis", () => {
  /** An ioredis-shaped client whose replies are scripted. */
  function fakeClient(replies: { set?: () => unknown; get?: () => unknown }) {
    return {
      call: () => Promise.resolve(),
      set: async () => replies.set?.(),
      get: async () => replies.get?.(),
      eval: async () => 0,
    };
  }

  it("rejects once timeoutMs passes without a reply, instead of hanging", async () => {
    const hanging = fakeClient({ set: () => new Promise(() => {}) });
    const store = redisDeliveryStore(hanging, { timeoutMs: 50 });
    await expect(store.begin("a", 1_000, "l")).rejects.toThrow(
      "Redis did not answer within 50 ms.",
    );
    await expect(store.complete("a", 1_000, "l")).rejects.toThrow(/did not answer/);
  });

  it("queues the release of a claim that timed out, so that it holds nothing once Redis runs it", async () => {
    const sent: string[] = [];
    let reconnect = () => {};
    const reconnected = new Promise<void>((resolve) => {
      reconnect = resolve;
    });
    // A client that queues every command until it reconnects, then runs them in order.
    const queueing = {
      call: () => Promise.resolve(),
      set: async (...args: unknown[]) => {
        await reconnected;
        sent.push(`SET ${args.join(" ")}`);
        return "OK";
      },
      get: async () => null,
      eval: async (_script: string, _keys: number, key: string, value: string) => {
        await reconnected;
        sent.push(`RELEASE ${key} ${value}`);
        return 1;
      },
    };
    const store = redisDeliveryStore(queueing, { timeoutMs: 50 });
    await expect(store.begin("a", 60_000, "attempt-1")).rejects.toThrow(/did not answer/);
    reconnect();
    await expect.poll(() => sent).toHaveLength(2);
    expect(sent).toEqual([
      "SET hubsig:delivery:a lease:attempt-1 PX 60000 NX",
      "RELEASE hubsig:delivery:a lease:attempt-1",
    ]);
  });

  it("releases a claim that timed out on a real Redis, so that the retry is not answered 409", async () => {
    const client = track(new IoRedis(url));
    const p = `test:${randomUUID()}:`;
    // The claim reaches Redis after the store gave up on it: CLIENT PAUSE holds every write.
    await raw.call("CLIENT", "PAUSE", "300", "WRITE");
    const store = redisDeliveryStore(client, { prefix: p, timeoutMs: 50 });
    await expect(store.begin("a", 60_000, "attempt-1")).rejects.toThrow(/did not answer/);
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the pause: both ran
    expect(await raw.get(`${p}a`)).toBeNull();
    expect(await store.begin("a", 60_000, "attempt-2")).toBe("new");
  });

  it("rejects at once with a node-redis client that is not connected", async () => {
    const store = redisDeliveryStore(createClient({ url }));
    await expect(store.begin("a", 1_000, "l")).rejects.toThrow();
  });

  it("claims a lease that ran out between SET and GET", async () => {
    let sets = 0;
    const store = redisDeliveryStore(fakeClient({ set: () => (++sets === 2 ? "OK" : null) }));
    expect(await store.begin("a", 1_000, "l")).toBe("new");
    expect(sets).toBe(2);
  });

  it("answers in_progress when the key keeps vanishing, rather than loop", async () => {
    let sets = 0;
    const store = redisDeliveryStore(
      fakeClient({
        set: () => {
          sets++;
          return null;
        },
        get: () => null,
      }),
    );
    expect(await store.begin("a", 1_000, "l")).toBe("in_progress");
    expect(sets).toBe(3);
  });

  it("reads Buffer replies", async () => {
    const store = redisDeliveryStore(fakeClient({ get: () => Buffer.from("done") }));
    expect(await store.begin("a", 1_000, "l")).toBe("done");
  });

  it.each([
    ["an object that is no Redis client", {}],
    ["a client-like object without call() or isOpen", { get() {}, set() {}, eval() {} }],
  ])("throws TypeError for %s", (_, client) => {
    expect(() => redisDeliveryStore(client as unknown as RedisClientLike)).toThrow(TypeError);
  });

  it.each([
    ["prefix", { prefix: 1 }],
    ["timeoutMs 0", { timeoutMs: 0 }],
    ["timeoutMs 1.5", { timeoutMs: 1.5 }],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }],
  ])("throws TypeError for a bad %s", (_, options) => {
    expect(() => redisDeliveryStore(fakeClient({}), options as never)).toThrow(TypeError);
  });
});
