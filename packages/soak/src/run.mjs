// One run of the harness: every demo app (soak, flood, give-up sender), then the Redis faults,
// the Redis Cluster failover and the timing test, with the figures of `options`.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { generateSecret } from "@hubsig/core";
import { startDemo } from "./demo-server.mjs";
import { clusterFailover, redisFaults } from "./faults.mjs";
import { floodServer } from "./flood.mjs";
import { giveUpAndRetry } from "./give-up.mjs";
import { soakServer } from "./soak.mjs";
import { timingTest } from "./timing.mjs";

/** Every part, in the order they run. */
export const PARTS = /** @type {const} */ ([
  "soak",
  "flood",
  "give-up",
  "redis",
  "cluster",
  "timing",
]);

/**
 * @typedef {object} RunOptions
 * @property {import("../../../scripts/demo.mjs").DemoApp[]} apps
 * @property {ReadonlySet<string>} parts
 * @property {number} durationMs soak time per server
 * @property {number} warmupMs
 * @property {number} concurrency
 * @property {number} floodMs
 * @property {number} floodScale share of the full hostile figures
 * @property {number} giveUpDeliveries per server
 * @property {number} workMs the handler's work for the give-up sender
 * @property {number} faultMs sending time of the Redis and Redis Cluster runs
 * @property {number} killEveryMs
 * @property {number} redisDownMs
 * @property {number} nodeTimeoutMs cluster-node-timeout
 * @property {number} samples timing samples per engine
 * @property {string} dir logs and Redis data
 */

/** The figures of a full run (`pnpm soak`). */
export const FULL = {
  durationMs: 60_000,
  warmupMs: 10_000,
  concurrency: 16,
  floodMs: 20_000,
  floodScale: 1,
  giveUpDeliveries: 600,
  workMs: 100,
  faultMs: 60_000,
  killEveryMs: 3_000,
  redisDownMs: 5_000,
  nodeTimeoutMs: 2_000,
  samples: 400_000,
};

/**
 * @typedef {object} RunResults
 * @property {import("./soak.mjs").SoakResult[]} soak
 * @property {import("./flood.mjs").FloodResult[]} flood
 * @property {import("./give-up.mjs").GiveUpResult[]} giveUp
 * @property {import("./faults.mjs").RedisFaultResult} [redis]
 * @property {import("./faults.mjs").ClusterResult} [cluster]
 * @property {import("./timing.mjs").TimingResult[]} timing
 */

/**
 * Runs the parts of `options.parts`, reporting progress as text.
 *
 * @param {RunOptions} options
 * @param {(text: string) => void} progress
 * @param {(text: string) => void} [log] a line for good, when a step is done
 * @returns {Promise<RunResults>}
 * @example
 * const results = await runAll({ ...FULL, apps: APPS, parts: new Set(PARTS), dir }, console.log);
 */
export async function runAll(options, progress, log = () => {}) {
  const { apps, parts, dir } = options;
  mkdirSync(dir, { recursive: true });
  const secret = generateSecret();
  const previous = generateSecret();
  /** @type {RunResults} */
  const results = { soak: [], flood: [], giveUp: [], timing: [] };
  const { concurrency } = options;

  for (const app of apps) {
    if (parts.has("soak") || parts.has("flood")) {
      progress(`${app.name}: starting ${app.name}-demo`);
      const server = await startDemo(app, { secret, previous, logDir: dir });
      try {
        if (parts.has("soak")) {
          const result = await soakServer(server, {
            secret,
            concurrency,
            ...times(options),
            onProgress: progress,
          });
          results.soak.push(result);
          log(`${result.pass ? "✓" : "✗"} ${app.name}: soaked, ${result.sent} deliveries`);
        }
        if (parts.has("flood")) {
          const result = await floodServer(server, {
            secret,
            concurrency,
            floodMs: options.floodMs,
            scale: options.floodScale,
            onProgress: progress,
          });
          results.flood.push(result);
          log(`${result.pass ? "✓" : "✗"} ${app.name}: flooded`);
        }
      } finally {
        await server.stop();
      }
    }
    if (parts.has("give-up")) {
      progress(
        `${app.name}: starting ${app.name}-demo with ${options.workMs} ms of work per delivery`,
      );
      const server = await startDemo(app, {
        secret,
        previous,
        workMs: options.workMs,
        logDir: dir,
        tag: "-give-up",
      });
      try {
        const result = await giveUpAndRetry(server, {
          secret,
          deliveries: options.giveUpDeliveries,
          concurrency,
          workMs: options.workMs,
          onProgress: progress,
        });
        results.giveUp.push(result);
        log(`${result.pass ? "✓" : "✗"} ${app.name}: give-up sender`);
      } finally {
        await server.stop();
      }
    }
  }
  const faultOptions = {
    secret,
    concurrency: Math.max(2, concurrency >> 1),
    durationMs: options.faultMs,
  };
  if (parts.has("redis")) {
    progress("redis: starting redis-server and three receivers");
    results.redis = await redisFaults({
      ...faultOptions,
      dir: join(dir, "redis"),
      killEveryMs: options.killEveryMs,
      redisDownMs: options.redisDownMs,
      onProgress: progress,
    });
    log(`${results.redis.pass ? "✓" : "✗"} redis: receivers killed, redis-server restarted`);
  }
  if (parts.has("cluster")) {
    progress("cluster: starting 6 redis-server nodes and three receivers");
    results.cluster = await clusterFailover({
      ...faultOptions,
      dir: join(dir, "cluster"),
      nodeTimeoutMs: options.nodeTimeoutMs,
      onProgress: progress,
    });
    log(`${results.cluster.pass ? "✓" : "✗"} cluster: a primary killed`);
  }
  if (parts.has("timing")) {
    for (const engine of /** @type {const} */ (["node", "web", "leaky"])) {
      progress(`timing: ${engine}, ${options.samples} samples`);
      results.timing.push(await timingTest(engine, options.samples));
    }
    log("✓ timing measured");
  }
  return results;
}

function times(options) {
  return { durationMs: options.durationMs, warmupMs: options.warmupMs };
}

/**
 * Whether every part that ran passed. The timing test fails when a real engine shows a leak, or
 * when the leaky compare does not (the test would have no power).
 *
 * @param {RunResults} results
 * @example
 * process.exitCode = passed(results) ? 0 : 1;
 */
export function passed(results) {
  return (
    [...results.soak, ...results.flood, ...results.giveUp].every((r) => r.pass) &&
    (results.redis?.pass ?? true) &&
    (results.cluster?.pass ?? true) &&
    results.timing.every((r) => (r.engine === "leaky" ? r.leaks : !r.leaks))
  );
}
