import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
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

describe.concurrent.each(clients)("redisDeliveryStore with %s", (_, connect) => {
  const prefix = () => `test:${randomUUID()}:`;

  it("leases a new delivery, refuses a second attempt, then remembers it as done", async () => {
    const p = prefix();
    const store = redisDeliveryStore(await connect(), { prefix: p });
    expect(await store.begin("a", 10_000)).toBe("new");
    expect(await raw.get(`${p}a`)).toMatch(/^lease:[0-9a-f-]{36}$/);
    expect(await raw.pttl(`${p}a`)).toBeGreaterThan(9_000);
    expect(await store.begin("a", 10_000)).toBe("in_progress");
    await store.complete("a", 60_000);
    expect(await raw.get(`${p}a`)).toBe("done");
    const ttl = await raw.pttl(`${p}a`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await store.begin("a", 10_000)).toBe("done");
  });

  it("lets a retry through once the lease runs out", async () => {
    const store = redisDeliveryStore(await connect(), { prefix: prefix() });
    // A window wide enough for the second call to land in it on a busy machine.
    expect(await store.begin("a", 1_000)).toBe("new");
    expect(await store.begin("a", 1_000)).toBe("in_progress");
    await sleep(1_200);
    expect(await store.begin("a", 1_000)).toBe("new");
  });

  it("forgets a done delivery after ttlMs", async () => {
    const store = redisDeliveryStore(await connect(), { prefix: prefix() });
    await store.begin("a", 10_000);
    await store.complete("a", 1_000);
    expect(await store.begin("a", 10_000)).toBe("done");
    await sleep(1_200);
    expect(await store.begin("a", 10_000)).toBe("new");
  });

  it("abandon releases this attempt's lease", async () => {
    const p = prefix();
    const store = redisDeliveryStore(await connect(), { prefix: p });
    await store.begin("a", 10_000);
    await store.abandon("a");
    expect(await raw.exists(`${p}a`)).toBe(0);
    expect(await store.begin("a", 10_000)).toBe("new");
  });

  it("abandon never releases another process's lease", async () => {
    const p = prefix();
    const first = redisDeliveryStore(await connect(), { prefix: p });
    const second = redisDeliveryStore(await connect(), { prefix: p });
    expect(await first.begin("a", 250)).toBe("new");
    await sleep(500); // first's lease runs out while its handler still works
    expect(await second.begin("a", 10_000)).toBe("new");
    await first.abandon("a");
    expect(await second.begin("a", 10_000)).toBe("in_progress");
    expect(await raw.get(`${p}a`)).toMatch(/^lease:/);
  });

  it("abandon never undoes a done delivery, and ignores unknown ids", async () => {
    const p = prefix();
    const first = redisDeliveryStore(await connect(), { prefix: p });
    const second = redisDeliveryStore(await connect(), { prefix: p });
    await first.begin("a", 10_000);
    await second.complete("a", 60_000);
    await first.abandon("a");
    expect(await first.begin("a", 10_000)).toBe("done");
    await first.abandon("never-begun");
    expect(await raw.exists(`${p}never-begun`)).toBe(0);
  });

  it("complete marks the delivery done even after another attempt took the lease over", async () => {
    const p = prefix();
    const first = redisDeliveryStore(await connect(), { prefix: p });
    const second = redisDeliveryStore(await connect(), { prefix: p });
    await first.begin("a", 250);
    await sleep(500);
    await second.begin("a", 10_000);
    await first.complete("a", 60_000);
    await second.abandon("a"); // the second attempt failed: the first one's success stands
    expect(await second.begin("a", 10_000)).toBe("done");
  });

  it("keeps prefixes apart", async () => {
    const client = await connect();
    const one = redisDeliveryStore(client, { prefix: prefix() });
    const two = redisDeliveryStore(client, { prefix: prefix() });
    await one.begin("a", 10_000);
    await one.complete("a", 60_000);
    expect(await two.begin("a", 10_000)).toBe("new");
  });

  it("gives each delivery to exactly one of two racing processes", async () => {
    const p = prefix();
    const mine = redisDeliveryStore(await connect(), { prefix: p });
    const other = redisDeliveryStore(track(new IoRedis(url)), { prefix: p });
    const ids = Array.from({ length: 30 }, (_, i) => `id-${i}`);
    const states = await Promise.all(
      ids.map((id) => Promise.all([mine.begin(id, 10_000), other.begin(id, 10_000)])),
    );
    for (const pair of states) expect(pair.sort()).toEqual(["in_progress", "new"]);
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
    await expect(store.begin("a", 1_000)).rejects.toThrow("Redis did not answer within 50 ms.");
    await expect(store.complete("a", 1_000)).rejects.toThrow(/did not answer/);
  });

  it("rejects at once with a node-redis client that is not connected", async () => {
    const store = redisDeliveryStore(createClient({ url }));
    await expect(store.begin("a", 1_000)).rejects.toThrow();
  });

  it("claims a lease that ran out between SET and GET", async () => {
    let sets = 0;
    const store = redisDeliveryStore(fakeClient({ set: () => (++sets === 2 ? "OK" : null) }));
    expect(await store.begin("a", 1_000)).toBe("new");
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
    expect(await store.begin("a", 1_000)).toBe("in_progress");
    expect(sets).toBe(3);
  });

  it("reads Buffer replies", async () => {
    const store = redisDeliveryStore(fakeClient({ get: () => Buffer.from("done") }));
    expect(await store.begin("a", 1_000)).toBe("done");
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
