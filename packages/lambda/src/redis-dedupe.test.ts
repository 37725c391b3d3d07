import { redisDeliveryStore } from "@hubsig/redis";
import { JIRA_BODY, SECRET, signed, withId } from "@hubsig/test-kit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../redis/test/redis-server.js";
import { functionUrl, invoke } from "../test/integrations.js";
import { withVerifiedWebhook } from "./handler.js";

// Two execution environments of one function, as Lambda runs them side by side under load: each
// loads the module (its own handler, its own Redis connection), and they share one Redis.
let server: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server.stop();
});

function environment(route: (run: number) => Promise<number>, prefix: string) {
  const redis = new Redis(server.url, { enableOfflineQueue: false, lazyConnect: true });
  clients.push(redis);
  let runs = 0;
  const handler = withVerifiedWebhook(
    { secret: SECRET, dedupe: { store: redisDeliveryStore(redis, { prefix }), leaseMs: 30_000 } },
    async () => ({ statusCode: await route(++runs) }),
  );
  return { redis, handler, runs: () => runs };
}

describe("dedupe with @hubsig/redis across concurrent execution environments", () => {
  it("runs a delivery once when two environments receive it at the same moment", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const route = async () => (await held, 204);
    const a = environment(route, "jira:once:");
    const b = environment(route, "jira:once:");
    await Promise.all([a.redis.connect(), b.redis.connect()]);
    const headers = { "x-hub-signature": await signed(JIRA_BODY), ...withId("r-1") };
    const event = () => functionUrl.event(JIRA_BODY, headers);
    const errors: unknown[] = [];
    const first = invoke(functionUrl, a.handler, event(), errors);
    const second = invoke(functionUrl, b.handler, event(), errors);
    // While one environment holds the delivery, the other answers at once: 409, Jira retries.
    const early = await Promise.race([first, second]);
    release();
    const [x, y] = await Promise.all([first, second]);
    expect(early.status).toBe(409);
    expect([x.status, y.status].sort()).toEqual([204, 409]);
    expect(a.runs() + b.runs()).toBe(1);
    const retry = await invoke(functionUrl, b.handler, event(), errors);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ duplicate: true });
    expect(errors).toEqual([]);
  });

  it("lets another environment run the retry of a delivery whose first attempt failed", async () => {
    const failing = environment(async () => {
      throw new Error("downstream down");
    }, "jira:retry:");
    const healthy = environment(async () => 204, "jira:retry:");
    await Promise.all([failing.redis.connect(), healthy.redis.connect()]);
    const headers = { "x-hub-signature": await signed(JIRA_BODY), ...withId("r-2") };
    const errors: unknown[] = [];
    const first = await invoke(
      functionUrl,
      failing.handler,
      functionUrl.event(JIRA_BODY, headers),
      errors,
    );
    expect(first.status).toBe(502);
    expect(String(errors[0])).toMatch(/downstream down/);
    // The release is not awaited by the handler: give Redis a moment to have it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const retry = await invoke(
      functionUrl,
      healthy.handler,
      functionUrl.event(JIRA_BODY, headers),
      errors,
    );
    expect(retry.status).toBe(204);
    expect(healthy.runs()).toBe(1);
  });
});
