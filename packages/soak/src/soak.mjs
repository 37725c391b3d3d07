// The soak: valid signed Jira deliveries at fixed concurrency against every route of one demo
// server for a set time, after a warm-up; resident memory sampled every second.
import { setTimeout as sleep } from "node:timers/promises";
import { crossCheck, startLoad } from "./load.mjs";
import { halfPeakGrowth } from "./rss-growth.mjs";
import { percentile } from "./stats.mjs";

/** Most growth of resident memory between the peaks of the measured time's two halves. */
export const MAX_RSS_GROWTH = 0.2;

/**
 * @typedef {object} SoakResult
 * @property {string} server
 * @property {number} sent
 * @property {number} ok
 * @property {number} non2xx
 * @property {number} errors failed attempts (no answer)
 * @property {number} rps
 * @property {number} p50
 * @property {number} p99
 * @property {number} rssStart after the warm-up
 * @property {number} rssEnd
 * @property {number} rssMax
 * @property {number} growth (rssEnd - rssStart) / rssStart: reported
 * @property {number} halfGrowth growth between the peaks of the two halves: judged
 * @property {number} notRun answered 2xx, handler never ran
 * @property {number} ranTwice
 * @property {boolean} alive
 * @property {string[]} samples the first unexpected answers
 * @property {boolean} pass
 */

/**
 * Soaks `server`: `warmupMs` of traffic, then `durationMs` measured.
 *
 * @param {import("./demo-server.mjs").DemoServer} server
 * @param {{ secret: string, concurrency: number, durationMs: number, warmupMs: number, onProgress?: (text: string) => void }} options
 * @returns {Promise<SoakResult>}
 * @example
 * const result = await soakServer(server, { secret, concurrency: 16, durationMs: 60_000, warmupMs: 10_000 });
 */
export async function soakServer(
  server,
  { secret, concurrency, durationMs, warmupMs, onProgress },
) {
  const name = server.app.name;
  const load = startLoad({ targets: server.targets, secret, concurrency, idPrefix: "soak" });
  const started = performance.now();
  const tick = (what, total) => {
    const seconds = (performance.now() - started) / 1000;
    onProgress?.(
      `${name}: ${what} ${seconds.toFixed(0)}/${(total / 1000).toFixed(0)}s, ${load.sent()} sent, RSS ${(server.rss() / 1048576).toFixed(0)} MiB`,
    );
  };
  let ticker = setInterval(() => tick("warm-up", warmupMs), 500);
  await sleep(warmupMs);
  clearInterval(ticker);
  load.phase("measured");
  const rssStart = server.rss();
  const samples = [rssStart];
  const measured = performance.now();
  ticker = setInterval(() => {
    samples.push(server.rss());
    tick("soak", warmupMs + durationMs);
  }, 1000);
  await sleep(durationMs);
  clearInterval(ticker);
  const phases = await load.stop();
  const elapsed = performance.now() - measured;
  const rssEnd = server.rss();
  samples.push(rssEnd);
  const result = /** @type {import("./load.mjs").PhaseResult} */ (phases.get("measured"));
  const warm = /** @type {import("./load.mjs").PhaseResult} */ (phases.get("warm-up"));

  // Every delivery answered 2xx ran its handler once; the run lines may trail the answers.
  const okIds = [...warm.okIds.values(), ...result.okIds.values()].flat();
  let check = crossCheck(okIds, server.runs);
  for (let i = 0; i < 50 && check.notRun.length > 0; i++) {
    await sleep(100);
    check = crossCheck(okIds, server.runs);
  }
  const non2xx =
    Object.entries(result.statuses)
      .filter(([status]) => !status.startsWith("2"))
      .reduce((sum, [, n]) => sum + n, 0) +
    Object.entries(warm.statuses)
      .filter(([status]) => !status.startsWith("2"))
      .reduce((sum, [, n]) => sum + n, 0);
  const errors = [...Object.values(result.errors), ...Object.values(warm.errors)].reduce(
    (sum, n) => sum + n,
    0,
  );
  const growth = (rssEnd - rssStart) / rssStart;
  const halfGrowth = halfPeakGrowth(samples);
  const alive = server.alive();
  return {
    server: name,
    sent: result.sent,
    ok: result.ok,
    non2xx,
    errors,
    rps: result.sent / (elapsed / 1000),
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    rssStart,
    rssEnd,
    rssMax: Math.max(...samples),
    growth,
    halfGrowth,
    notRun: check.notRun.length,
    ranTwice: check.ranTwice.length,
    alive,
    samples: [...warm.samples, ...result.samples].slice(0, 5),
    pass:
      non2xx === 0 &&
      errors === 0 &&
      halfGrowth <= MAX_RSS_GROWTH &&
      check.notRun.length === 0 &&
      check.ranTwice.length === 0 &&
      alive,
  };
}
