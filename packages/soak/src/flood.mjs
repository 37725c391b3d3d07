// The hostile flood: every kind of hostile traffic against every route of a running demo server
// while valid deliveries keep flowing at fixed concurrency.
import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { jiraDelivery } from "@hubsig/core/testing";
import {
  chunkedPastLimit,
  declaredTooLarge,
  forged,
  gzipBodies,
  HOSTILE_COUNTS,
  hugeHeader,
  malformedHeaders,
  slowSockets,
} from "./hostile.mjs";
import { post } from "./http.mjs";
import { crossCheck, startLoad } from "./load.mjs";
import { percentile } from "./stats.mjs";

/**
 * @typedef {object} FloodResult
 * @property {string} server
 * @property {import("./hostile.mjs").KindResult[]} kinds summed over the routes
 * @property {{ sent: number, ok: number, failed: number, p50: number, p99: number, samples: string[] }} valid
 * @property {number} forgedAccepted hostile requests answered 2xx, or whose handler ran
 * @property {number} notRun valid deliveries answered 2xx whose handler never ran
 * @property {boolean} alive the process runs and every route answers a valid delivery with 2xx
 * @property {number} rssBefore
 * @property {number} rssAfter
 * @property {number} ms
 * @property {boolean} pass
 */

/**
 * Floods `server` for at least `floodMs` (and until every finite kind was sent), `scale` times
 * the full figures of {@link HOSTILE_COUNTS}.
 *
 * @param {import("./demo-server.mjs").DemoServer} server
 * @param {{ secret: string, concurrency: number, floodMs: number, scale?: number, onProgress?: (text: string) => void }} options
 * @returns {Promise<FloodResult>}
 * @example
 * const result = await floodServer(server, { secret, concurrency: 16, floodMs: 20_000 });
 */
export async function floodServer(server, { secret, concurrency, floodMs, scale = 1, onProgress }) {
  const count = (n) => Math.max(1, Math.round(n * scale));
  const started = performance.now();
  const rssBefore = server.rss();
  const load = startLoad({ targets: server.targets, secret, concurrency, idPrefix: "flood" });
  load.phase("flood");
  const holding = new AbortController();
  setMaxListeners(Number.POSITIVE_INFINITY, holding.signal); // one listener per slow socket
  const slowPerRoute = Math.ceil(count(HOSTILE_COUNTS.slowSockets) / server.targets.length);
  const slow = server.targets.map(({ url }) => slowSockets(url, slowPerRoute, holding.signal));
  const buffered = new Set(server.app.bufferedRoutes ?? []);
  const finite = server.targets.flatMap(({ label, url }) => [
    forged(url, count(HOSTILE_COUNTS.forged), 4),
    declaredTooLarge(url, count(HOSTILE_COUNTS.declared4MiB), 4, buffered.has(label)),
    chunkedPastLimit(url, count(HOSTILE_COUNTS.chunkedPastLimit), 2),
    gzipBodies(url, secret, count(HOSTILE_COUNTS.gzip), 4),
    malformedHeaders(url, count(HOSTILE_COUNTS.malformed), 4),
    hugeHeader(url, count(HOSTILE_COUNTS.header64KiB), 2),
  ]);
  const ticker = setInterval(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    onProgress?.(`${server.app.name}: flood ${seconds}s, ${load.sent()} valid sent`);
  }, 500);
  const kindsByRoute = await Promise.all(finite);
  const left = floodMs - (performance.now() - started);
  if (left > 0) await sleep(left);
  holding.abort();
  const slowByRoute = await Promise.all(slow);
  const phases = await load.stop();
  clearInterval(ticker);
  const flood = /** @type {import("./load.mjs").PhaseResult} */ (phases.get("flood"));

  // Afterwards: still there, still answering, and nothing hostile ever ran.
  const alive =
    server.alive() &&
    (
      await Promise.all(
        server.targets.map(async ({ url }) => {
          const delivery = await jiraDelivery({ secret, id: `after-flood-${url}` });
          const answer = await post(url, delivery.body, delivery.headers, { timeoutMs: 10_000 });
          return "status" in answer && answer.status >= 200 && answer.status < 300;
        }),
      )
    ).every(Boolean);
  await sleep(500); // let the last log lines arrive
  const rssAfter = server.rss();
  const kinds = sumKinds([...kindsByRoute, ...slowByRoute]);
  const hostileRuns = [...server.runs.keys()].filter((id) => id.startsWith("hostile-")).length;
  const forgedAccepted = kinds.reduce((sum, kind) => sum + kind.accepted, 0) + hostileRuns;
  const okIds = [...flood.okIds.values()].flat();
  const { notRun } = crossCheck(okIds, server.runs);
  const failed = flood.sent - flood.ok;
  const wrong = kinds.reduce((sum, kind) => sum + kind.wrong, 0);
  return {
    server: server.app.name,
    kinds,
    valid: {
      sent: flood.sent,
      ok: flood.ok,
      failed,
      p50: percentile(flood.latencies, 50),
      p99: percentile(flood.latencies, 99),
      samples: flood.samples,
    },
    forgedAccepted,
    notRun: notRun.length,
    alive,
    rssBefore,
    rssAfter,
    ms: performance.now() - started,
    pass: forgedAccepted === 0 && alive && failed === 0 && wrong === 0 && notRun.length === 0,
  };
}

/** Sums the results of each kind over the routes, keeping the first route's note. */
function sumKinds(results) {
  /** @type {Map<string, import("./hostile.mjs").KindResult>} */
  const byKind = new Map();
  for (const result of results) {
    const sum = byKind.get(result.kind);
    if (!sum) {
      byKind.set(result.kind, {
        ...result,
        outcomes: { ...result.outcomes },
        samples: [...result.samples],
      });
      continue;
    }
    sum.sent += result.sent;
    sum.accepted += result.accepted;
    sum.wrong += result.wrong;
    for (const [key, n] of Object.entries(result.outcomes))
      sum.outcomes[key] = (sum.outcomes[key] ?? 0) + n;
    sum.samples.push(...result.samples.slice(0, Math.max(0, 3 - sum.samples.length)));
    if (result.note && result.note !== sum.note) sum.note = `${sum.note} / ${result.note}`;
  }
  return [...byKind.values()];
}
