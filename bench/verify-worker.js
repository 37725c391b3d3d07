// One fresh process of the verification benchmark: every contender on every body, interleaved
// (each round runs all contenders in a new random order), measured by the wall clock and by
// process CPU time, reporting per-contender medians of the per-round p50 as one JSON line on
// stdout. run.js starts several of these under Node and takes medians across them;
// runtime-deno.js starts it under Deno with `--contenders=deno`.

import { measure } from "mitata";
import { SECRET, verifyBodies } from "./bodies.js";
import { checkContenders } from "./checks.js";
import { signatureFor } from "./signatures.js";
import { median, shuffle } from "./stats.js";

const smoke = process.argv.includes("--smoke");
const { prepareContenders } = process.argv.includes("--contenders=deno")
  ? await import("./deno-contenders.js")
  : await import("./contenders.js");
const rounds = smoke ? 1 : Number(process.env.HUBSIG_BENCH_ROUNDS ?? 4);
// Per contender and round. Short slices, many rounds: drift on a shared machine hits every
// contender alike instead of whichever ran last.
const cpuTimeNs = smoke ? 1e6 : Number(process.env.HUBSIG_BENCH_SLICE_MS ?? 40) * 1e6;

const contenders = await prepareContenders(SECRET);
const results = [];
const errors = [];

for (const { label, body } of verifyBodies()) {
  const header = signatureFor(SECRET, body);
  const failed = await checkContenders(contenders, body, header);
  errors.push(...failed.map((message) => `${label}: ${message}`));
  if (failed.length > 0) continue;
  const wall = new Map(contenders.map((contender) => [contender.name, []]));
  const cpu = new Map(contenders.map((contender) => [contender.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const contender of shuffle([...contenders])) {
      const run = contender.run;
      const fn = () => run(body, header);
      wall.get(contender.name).push((await measure(fn, options())).p50);
      cpu.get(contender.name).push((await measure(fn, { ...options(), now: cpuNow })).p50);
    }
  }
  for (const { name } of contenders) {
    results.push({
      body: label,
      bytes: body.length,
      contender: name,
      wallNs: median(wall.get(name)),
      cpuNs: median(cpu.get(name)),
    });
  }
}

function options() {
  return {
    min_cpu_time: cpuTimeNs,
    // A sample is a batch of calls for fast functions; mitata's default batch (4096 calls)
    // would make the WebCrypto contenders take seconds per sample.
    batch_samples: smoke ? 4 : 128,
    min_samples: smoke ? 2 : 8,
    warmup_samples: smoke ? 1 : 2,
  };
}

// Process CPU time (all threads), in nanoseconds. On a shared machine, wall time also counts the
// moments another process had the CPU; CPU time does not, so it separates close contenders.
// `openssl speed` also divides by CPU time unless given -elapsed.
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

process.stdout.write(`${JSON.stringify({ results, errors })}\n`);
