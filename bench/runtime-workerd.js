// The workerd run of `pnpm bench`: workerd-worker.js (and, for the `nodejs_compat` flag,
// workerd-worker-compat.js) bundled by esbuild with the conditions wrangler uses, run in the
// workerd binary that Miniflare pins. Each measurement is one request that runs one contender
// many times inside workerd; this side reads the workerd process's CPU time around it
// (/proc/PID/task/*/schedstat, in nanoseconds), so other processes on the machine do not count.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { SECRET, verifyBodies } from "./bodies.js";
import { signatureFor } from "./signatures.js";
import { duration, median, ratio, shuffle, table } from "./stats.js";
import { BY_HAND, CORE } from "./workerd-bench.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
/** At most this many times the fastest verify by hand, at every body size. */
export const WORKERD_TARGET = 1.15;
const WORKERS = [
  { flags: [], entry: "./workerd-worker.js", title: "no compatibility flags" },
  { flags: ["nodejs_compat"], entry: "./workerd-worker-compat.js", title: "`nodejs_compat`" },
];

/**
 * Runs the Worker with and without `nodejs_compat` and reports, through `say`, the CPU and wall
 * time of every contender with its ratio to the fastest verify by hand; pushes verdicts and
 * errors.
 *
 * @example
 * ```js
 * await workerdVerification({ smoke: true, say: console.log, verdicts: [], errors: [] });
 * ```
 */
export async function workerdVerification({ smoke, say, verdicts, errors }) {
  const sliceNs = (smoke ? 5 : Number(process.env.HUBSIG_BENCH_SLICE_MS ?? 40)) * 1e6;
  const rounds = smoke ? 1 : Number(process.env.HUBSIG_BENCH_WORKERD_ROUNDS ?? 8);
  say();
  say("## Verification in workerd");
  say();
  say(
    `workerd as Miniflare runs it, the Worker bundled by esbuild with the \`workerd\` condition as wrangler does, once without compatibility flags and once with \`nodejs_compat\`. One request runs one contender about ${sliceNs / 1e6} ms; ${rounds} interleaved round${rounds > 1 ? "s" : ""} in random order; medians shown. CPU time is the workerd process's (all threads, read from /proc around each request, less the cost of an empty request); wall time is workerd's own clock, which ticks in milliseconds. In brackets: the ratio to the fastest verify written by hand on that body (${BY_HAND.join(", or ")}).`,
  );
  for (const worker of WORKERS) {
    let miniflare;
    try {
      miniflare = new Miniflare({
        modules: [{ type: "ESModule", path: "worker.js", contents: await bundle(worker.entry) }],
        compatibilityDate: "2026-04-01",
        compatibilityFlags: worker.flags,
      });
      await miniflare.ready;
      const cpu = workerdCpu();
      if (!cpu) errors.push(`workerd (${worker.title}): no workerd process found to read CPU time`);
      const rows = [];
      for (const { label, body } of verifyBodies()) {
        const header = signatureFor(SECRET, body);
        const post = async (path, payload) =>
          (
            await miniflare.dispatchFetch(`http://bench.test${path}`, {
              method: "POST",
              body: JSON.stringify({ label, header, ...payload }),
            })
          ).json();
        const checked = await post("/check", {});
        errors.push(...checked.errors.map((e) => `workerd (${worker.title}), ${label}: ${e}`));
        if (checked.errors.length > 0) continue;
        const measure = async (contender, calls) => {
          const before = cpu?.();
          const answer = await post("/run", { contender, calls });
          return { cpuNs: cpu ? cpu() - before : Number.NaN, wallMs: answer.elapsedMs };
        };
        // What a request costs around the calls it makes.
        const empty = [];
        for (let i = 0; i < 5; i++) empty.push((await measure(CORE, 0)).cpuNs);
        const overhead = median(empty);
        // Calls per request: enough for about one slice of CPU time, found by quadrupling.
        const calls = new Map();
        for (const name of checked.contenders) {
          let n = 1;
          let spent = 0;
          for (;;) {
            const probe = await measure(name, n);
            spent = cpu ? probe.cpuNs - overhead : probe.wallMs * 1e6;
            if (spent >= sliceNs / 4 || n >= 1e5) break;
            n *= 4;
          }
          calls.set(name, Math.max(1, Math.ceil((n * sliceNs) / Math.max(spent, sliceNs / 4))));
        }
        const samples = new Map(checked.contenders.map((name) => [name, { cpu: [], wall: [] }]));
        for (let round = 0; round < rounds; round++) {
          for (const name of shuffle([...checked.contenders])) {
            const n = calls.get(name);
            const { cpuNs, wallMs } = await measure(name, n);
            samples.get(name).cpu.push((cpuNs - overhead) / n);
            samples.get(name).wall.push((wallMs * 1e6) / n);
          }
        }
        for (const [contender, { cpu: c, wall }] of samples) {
          rows.push({ body: label, contender, cpuNs: median(c), wallNs: median(wall) });
        }
      }
      report(worker, rows, Boolean(cpu), { say, verdicts });
    } catch (error) {
      errors.push(`workerd (${worker.title}): ${error.message}`);
    } finally {
      // A runtime that failed to start rejects here again: that error is reported above.
      await miniflare?.dispose().catch(() => {});
    }
  }
}

function report(worker, rows, haveCpu, { say, verdicts }) {
  const bodies = [...new Set(rows.map((r) => r.body))];
  const contenders = [...new Set(rows.map((r) => r.contender))];
  const of = (kind) => (body, contender) =>
    rows.find((r) => r.body === body && r.contender === contender)?.[kind];
  const fastest = (time, body) =>
    BY_HAND.map((name) => ({ name, ns: time(body, name) }))
      .filter((c) => c.ns !== undefined)
      .sort((a, b) => a.ns - b.ns)[0];
  const timeTable = (time) =>
    table(
      ["contender", ...bodies],
      contenders.map((c) => [
        c,
        ...bodies.map(
          (b) => `${duration(time(b, c))} (${ratio(time(b, c) / fastest(time, b).ns)})`,
        ),
      ]),
    );
  const judged = haveCpu ? of("cpuNs") : of("wallNs");
  if (haveCpu) {
    say();
    say(`### workerd, ${worker.title}: CPU time per verification`);
    say();
    say(timeTable(of("cpuNs")));
  }
  say();
  say(`### workerd, ${worker.title}: wall time per verification`);
  say();
  say(timeTable(of("wallNs")));
  for (const b of bodies) {
    const best = fastest(judged, b);
    const r = judged(b, CORE) / best.ns;
    const wall = of("wallNs")(b, CORE) / fastest(of("wallNs"), b).ns;
    verdicts.push({
      target: `core in workerd (${worker.title}) <= ${WORKERD_TARGET.toFixed(2)}x the fastest by hand, ${b} (${haveCpu ? `CPU; wall ${ratio(wall)}` : "wall"})`,
      measured: `${ratio(r)} of ${best.name}`,
      pass: r <= WORKERD_TARGET,
    });
  }
}

// CPU time of the workerd process Miniflare started (a child of this process), in
// nanoseconds over all its threads; undefined where /proc cannot tell.
function workerdCpu() {
  try {
    const pid = readdirSync("/proc").find((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        const status = readFileSync(`/proc/${entry}/status`, "utf8");
        return (
          /^Name:\s+workerd$/m.test(status) &&
          new RegExp(`^PPid:\\s+${process.pid}$`, "m").test(status)
        );
      } catch {
        return false;
      }
    });
    if (!pid) return undefined;
    return () =>
      readdirSync(`/proc/${pid}/task`).reduce(
        (sum, tid) =>
          sum + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]),
        0,
      );
  } catch {
    return undefined;
  }
}

async function bundle(entry) {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*"],
    target: "es2022",
    write: false,
  });
  return result.outputFiles[0].text;
}
