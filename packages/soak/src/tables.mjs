// The figures of a run as markdown tables, the same on the terminal and in docs/RELIABILITY.md.
import { counts, table, verdict } from "./output.mjs";
import { MAX_RSS_GROWTH } from "./soak.mjs";
import { mib, ms } from "./stats.mjs";
import { T_THRESHOLD } from "./timing.mjs";

const pct = (value) => `${(value * 100).toFixed(1)}%`;

/**
 * Each part's table, with a title, in run order; parts that did not run are left out.
 *
 * @param {import("./run.mjs").RunResults} results
 * @returns {{ title: string, part: string, text: string }[]}
 * @example
 * for (const { title, text } of tables(results)) console.log(`${title}\n${text}`);
 */
export function tables(results) {
  const out = [];
  if (results.soak.length > 0) {
    out.push({
      part: "soak",
      title: "Soak: valid signed deliveries at fixed concurrency",
      text: table(
        [
          "server",
          "deliveries",
          "req/s",
          "p50",
          "p99",
          "non-2xx",
          "errors",
          "2xx not run",
          "RSS after warm-up → end (max)",
          "growth after warm-up",
          "growth, peak of 1st → 2nd half",
          "result",
        ],
        results.soak.map((r) => [
          r.server,
          r.sent,
          r.rps.toFixed(0),
          ms(r.p50),
          ms(r.p99),
          r.non2xx,
          r.errors,
          r.notRun + r.ranTwice,
          `${mib(r.rssStart)} → ${mib(r.rssEnd)} (${mib(r.rssMax)})`,
          pct(r.growth),
          `${pct(r.halfGrowth)} (≤ ${pct(MAX_RSS_GROWTH)})`,
          verdict(r.pass),
        ]),
      ),
    });
  }
  if (results.flood.length > 0) {
    out.push({
      part: "flood",
      title: "Hostile flood while valid traffic flows",
      text: table(
        [
          "server",
          "valid sent",
          "valid failed",
          "valid p50",
          "valid p99",
          "forged accepted",
          "wrong answers",
          "alive after",
          "RSS before → after",
          "result",
        ],
        results.flood.map((r) => [
          r.server,
          r.valid.sent,
          r.valid.failed,
          ms(r.valid.p50),
          ms(r.valid.p99),
          r.forgedAccepted,
          r.kinds.reduce((sum, kind) => sum + kind.wrong, 0),
          r.alive ? "yes" : "NO",
          `${mib(r.rssBefore)} → ${mib(r.rssAfter)}`,
          verdict(r.pass),
        ]),
      ),
    });
    const kinds = results.flood[0]?.kinds.map((kind) => kind.kind) ?? [];
    out.push({
      part: "flood",
      title:
        "What the hostile requests got (status×count; reset: connection closed; held: still waiting when the flood ended)",
      text: table(
        ["kind", ...results.flood.map((r) => r.server)],
        kinds.map((kind) => [
          kind,
          ...results.flood.map((r) => {
            const found = r.kinds.find((k) => k.kind === kind);
            return found ? `${counts(found.outcomes)}${found.note ? `; ${found.note}` : ""}` : "-";
          }),
        ]),
      ),
    });
  }
  if (results.giveUp.length > 0) {
    out.push({
      part: "give-up",
      title: "A sender that gives up on each first attempt and retries at once (dedupe in memory)",
      text: table(
        [
          "server",
          "deliveries",
          "attempts",
          "abandoned while running",
          "409 while running",
          "lost",
          "ran once",
          "ran twice",
          "2xx not run",
          "result",
        ],
        results.giveUp.map((r) => [
          r.server,
          r.deliveries,
          r.attempts,
          r.abandonedRan,
          r.inProgress,
          r.lost,
          r.ranOnce,
          r.ranTwice,
          r.notRun,
          verdict(r.pass),
        ]),
      ),
    });
  }
  if (results.redis) {
    const r = results.redis;
    out.push({
      part: "redis",
      title:
        "Three receivers on one redis-server: receivers killed with SIGKILL, redis-server restarted",
      text: table(
        [
          "deliveries",
          "attempts",
          "receivers killed",
          "redis down",
          "lost",
          "2xx not run",
          "handled twice",
          "of which not after a kill",
          "attempts' outcomes",
          "slowest delivery (p99)",
          "result",
        ],
        [
          [
            r.deliveries,
            r.attempts,
            r.kills,
            ms(r.redisDownMs),
            r.lost,
            r.notHandled,
            r.handledTwice,
            r.unexplained.length,
            counts(r.outcomes),
            ms(r.p99DeliveredMs),
            verdict(r.pass),
          ],
        ],
      ),
    });
  }
  if (results.cluster) {
    const r = results.cluster;
    out.push({
      part: "cluster",
      title: `Redis Cluster, 3 primaries and 3 replicas: a primary killed with SIGKILL (cluster-node-timeout ${r.nodeTimeoutMs} ms)`,
      text: table(
        [
          "deliveries",
          "attempts",
          "failover",
          "outcomes from the kill to 1 s after the takeover",
          "all attempts' outcomes",
          "lost",
          "2xx not run",
          "handled twice",
          "slowest delivery (p99)",
          "result",
        ],
        [
          [
            r.deliveries,
            r.attempts,
            ms(r.failoverMs),
            counts(r.during),
            counts(r.outcomes),
            r.lost,
            r.notHandled,
            r.handledTwice,
            ms(r.p99DeliveredMs),
            verdict(r.pass),
          ],
        ],
      ),
    });
  }
  if (results.timing.length > 0) {
    out.push({
      part: "timing",
      title: `Timing: Welch's t, wrong first digest byte vs wrong last byte (|t| > ${T_THRESHOLD}: a leak)`,
      text: table(
        ["compare", "samples", "|t|", "cropped at", "mean verify", "reading", "result"],
        results.timing.map((r) => [
          r.label,
          r.samples,
          r.t.toFixed(2),
          r.crop === 100 ? "nothing cropped" : `p${r.crop}`,
          ms(r.meanNs / 1e6),
          r.leaks ? "leak" : "no leak found",
          verdict(r.engine === "leaky" ? r.leaks : !r.leaks),
        ]),
      ),
    });
  }
  return out;
}

/**
 * What went wrong, a line each, for the parts that failed: the first unexpected answers.
 *
 * @param {import("./run.mjs").RunResults} results
 * @returns {string[]}
 * @example
 * for (const line of problems(results)) console.log(`  ✗ ${line}`);
 */
export function problems(results) {
  const lines = [];
  for (const r of results.soak) {
    if (!r.pass) lines.push(`soak ${r.server}: ${r.samples.join("; ") || "see the table"}`);
  }
  for (const r of results.flood) {
    if (r.pass) continue;
    for (const kind of r.kinds) {
      if (kind.wrong > 0) lines.push(`flood ${r.server}, ${kind.kind}: ${kind.samples.join("; ")}`);
    }
    if (r.valid.failed > 0) lines.push(`flood ${r.server}, valid: ${r.valid.samples.join("; ")}`);
  }
  for (const r of results.giveUp) {
    if (!r.pass) lines.push(`give-up ${r.server}: ${counts(r.statuses)}`);
  }
  for (const line of results.redis?.unexplained.slice(0, 10) ?? []) lines.push(`redis: ${line}`);
  return lines;
}
