import type { DeliveryState, DeliveryStore } from "@hubsig/core/dedupe";
import { type RedisClientLike, redisCommands } from "./redis-commands.js";

/**
 * Options of {@link redisDeliveryStore}.
 *
 * @example
 * ```ts
 * const options: RedisDeliveryStoreOptions = { prefix: "jira:delivery:", timeoutMs: 1_000 };
 * ```
 */
export interface RedisDeliveryStoreOptions {
  /** Prepended to every delivery id to make its key. Default `hubsig:delivery:`. */
  prefix?: string;
  /**
   * Longest wait for one Redis reply, in ms, default 2 000. Clients queue commands while they
   * reconnect; past this the store gives up, and the delivery is answered 503 (retried by Jira)
   * instead of hanging until Jira's own timeout.
   */
  timeoutMs?: number;
}

const DONE = "done";
const LEASE = "lease:";

// Releases the lease only if this attempt still holds it: once a lease runs out another
// process may hold the key, and a handled delivery must stay handled. GET and DEL must not
// interleave with another client's SET, hence a script.
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

/**
 * A {@link DeliveryStore} in Redis, shared by every process that uses the same Redis and
 * prefix, so that a delivery retried onto another server still runs once. Works with ioredis
 * (v5+) and node-redis (`redis` v4+), single node or cluster; which one is detected at run time.
 *
 * One key per delivery: `SET key lease:<the attempt's lease> NX PX leaseMs` claims it atomically;
 * a handled delivery becomes `SET key done PX ttlMs`; abandoning deletes the key only while it
 * still holds this attempt's lease (a Lua script, so no other attempt, in this process or
 * another, can claim it in between). Each call touches one key, so it is safe on Redis Cluster.
 *
 * Give the client an `error` listener (node-redis throws on an unhandled one) and let it
 * reconnect: while Redis is unreachable deliveries are answered 503, and Jira retries them.
 *
 * @example ioredis
 * ```ts
 * import { Redis } from "ioredis";
 * import { redisDeliveryStore } from "@hubsig/redis";
 *
 * const redis = new Redis(process.env.REDIS_URL!);
 * app.post("/webhooks/jira", verifyWebhook({ secret, dedupe: { store: redisDeliveryStore(redis) } }), route);
 * ```
 *
 * @example node-redis
 * ```ts
 * import { createClient } from "redis";
 * import { redisDeliveryStore } from "@hubsig/redis";
 *
 * const redis = createClient({ url: process.env.REDIS_URL });
 * redis.on("error", (error) => console.error("redis", error));
 * await redis.connect();
 * const store = redisDeliveryStore(redis, { prefix: "jira:delivery:" });
 * ```
 */
export function redisDeliveryStore(
  client: RedisClientLike,
  options: RedisDeliveryStoreOptions = {},
): DeliveryStore {
  const { prefix = "hubsig:delivery:", timeoutMs = 2_000 } = options;
  if (typeof prefix !== "string") throw new TypeError("prefix must be a string.");
  if (!(Number.isSafeInteger(timeoutMs) && timeoutMs > 0)) {
    throw new TypeError("timeoutMs must be a positive whole number of milliseconds.");
  }
  const redis = redisCommands(client);
  const key = (id: string) => prefix + id;
  const ms = (value: number) => Math.max(1, Math.ceil(value));

  const timed = <T>(reply: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
    });
    return Promise.race([reply, timeout]).finally(() => clearTimeout(timer));
  };

  return {
    async begin(id, leaseMs, lease): Promise<DeliveryState> {
      // The attempt's own lease is the value: only this attempt can release it. A store
      // called without one (an adapter built before leases) gets a token per call.
      const value = LEASE + (lease ?? crypto.randomUUID());
      try {
        // A lease may run out between SET and GET; then the key is free and worth one more try.
        for (let attempt = 0; attempt < 3; attempt++) {
          if (await timed(redis.set(key(id), value, ms(leaseMs), true))) return "new";
          const held = await timed(redis.get(key(id)));
          if (held === DONE) return "done";
          if (held !== null) return "in_progress";
        }
        return "in_progress";
      } catch (error) {
        // Clients queue commands while they reconnect, so a claim that timed out may still
        // reach Redis and hold the delivery for leaseMs although this attempt was answered 503.
        // Its release goes in the same queue behind it; when nothing was claimed it is a no-op.
        try {
          redis.eval(RELEASE, key(id), value).catch(() => {});
        } catch {}
        throw error;
      }
    },
    async complete(id, ttlMs) {
      // Unconditional: the handler succeeded, so the delivery is handled even if this
      // attempt's lease ran out and another attempt took it meanwhile. Its abandon cannot undo it.
      await timed(redis.set(key(id), DONE, ms(ttlMs), false));
    },
    async abandon(id, lease) {
      if (lease) await timed(redis.eval(RELEASE, key(id), LEASE + lease));
    },
  };
}
