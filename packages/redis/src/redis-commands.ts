// Declared structurally so that neither client's types are needed: both are optional peers.
type AnyMethod = (...args: never[]) => unknown;

/**
 * A node-redis client (`redis` v4 and later, `createClient()` or `createCluster()`), as far as
 * the store uses it.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const client: NodeRedisClientLike = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 */
export interface NodeRedisClientLike {
  isOpen: boolean;
  get: AnyMethod;
  set: AnyMethod;
  eval: AnyMethod;
}

/**
 * An ioredis client (`new Redis()` or `new Cluster()`, v5 and later), as far as the store uses it.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * const client: IoRedisClientLike = new Redis(process.env.REDIS_URL!);
 * ```
 */
export interface IoRedisClientLike {
  call: AnyMethod;
  get: AnyMethod;
  set: AnyMethod;
  eval: AnyMethod;
}

/**
 * Either client. Which one it is shows at run time: node-redis clients have a boolean `isOpen`,
 * ioredis clients a `call()` method.
 *
 * @example
 * ```ts
 * const client: RedisClientLike = new Redis(); // or await createClient().connect()
 * ```
 */
export type RedisClientLike = NodeRedisClientLike | IoRedisClientLike;

/**
 * The three commands the store sends, the same whichever client carries them.
 *
 * @example
 * ```ts
 * const claimed = await commands.set("hubsig:delivery:abc", "lease:token", 60_000, true);
 * ```
 */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  /** SET key value PX ms [NX]; true when the key was written. */
  set(key: string, value: string, ms: number, onlyIfAbsent: boolean): Promise<boolean>;
  /** EVAL script 1 key arg. */
  eval(script: string, key: string, arg: string): Promise<unknown>;
}

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * Adapts either client to {@link RedisCommands}; their `set` and `eval` signatures differ.
 * Anything else throws `TypeError`.
 *
 * @example
 * ```ts
 * const commands = redisCommands(new Redis());
 * await commands.get("hubsig:delivery:abc"); // "done", "lease:...", or null
 * ```
 */
export function redisCommands(client: RedisClientLike): RedisCommands {
  const c = client as unknown as {
    isOpen?: unknown;
    call?: unknown;
    get: Call;
    set: Call;
    eval: Call;
  };
  // Replies may come back as Buffers when a client maps types that way.
  const text = (value: unknown) => (value == null ? null : String(value));
  if (typeof c.isOpen === "boolean") {
    // node-redis: options objects. `NX`/`PX` are understood by v4 and by every later major.
    return {
      get: async (key) => text(await c.get(key)),
      set: async (key, value, ms, onlyIfAbsent) =>
        (await c.set(key, value, onlyIfAbsent ? { NX: true, PX: ms } : { PX: ms })) != null,
      eval: (script, key, arg) => c.eval(script, { keys: [key], arguments: [arg] }),
    };
  }
  if (typeof c.call === "function") {
    // ioredis: positional Redis arguments.
    return {
      get: async (key) => text(await c.get(key)),
      set: async (key, value, ms, onlyIfAbsent) =>
        (await (onlyIfAbsent ? c.set(key, value, "PX", ms, "NX") : c.set(key, value, "PX", ms))) !=
        null,
      eval: (script, key, arg) => c.eval(script, 1, key, arg),
    };
  }
  throw new TypeError(
    "redisDeliveryStore needs an ioredis client (new Redis()) or a node-redis client (createClient() from redis v4 or later).",
  );
}
