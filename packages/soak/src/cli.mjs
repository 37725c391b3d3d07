#!/usr/bin/env node
// `pnpm soak`: builds what it needs, runs every part with the figures of a full run (or those
// given), prints a table per part with a progress line while it runs, and writes
// docs/RELIABILITY.md after a full run. Exits 1 when any part fails.
//
//   pnpm soak                                   full run, about 20 minutes
//   pnpm soak --duration=10 --only=soak,flood   shorter, some parts (no report written)
//   pnpm soak --apps=express,deno --report=/tmp/r.md
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { APPS } from "../../../scripts/demo.mjs";
import { progressLine } from "./output.mjs";
import { stopAll } from "./processes.mjs";
import { ROOT } from "./root.mjs";

const { values } = parseArgs({
  options: {
    duration: { type: "string" },
    warmup: { type: "string" },
    concurrency: { type: "string" },
    flood: { type: "string" },
    "flood-scale": { type: "string" },
    "give-up": { type: "string" },
    faults: { type: "string" },
    samples: { type: "string" },
    only: { type: "string" },
    apps: { type: "string" },
    report: { type: "string" },
    "no-build": { type: "boolean" },
    help: { type: "boolean" },
  },
});

if (values.help) {
  console.log(`pnpm soak [options]
  --duration=SEC      soak time per demo server (60)
  --warmup=SEC        warm-up before the soak is measured (10)
  --concurrency=N     valid deliveries in flight (16; the fault runs use half)
  --flood=SEC         least time of the hostile flood per server (20)
  --flood-scale=X     share of the full hostile figures (1)
  --give-up=N         deliveries of the give-up sender per server (600)
  --faults=SEC        sending time of the Redis and Redis Cluster runs (60)
  --samples=N         timing samples per engine (400000)
  --only=PARTS        some of: soak,flood,give-up,redis,cluster,timing
  --apps=NAMES        some of: ${APPS.map((app) => app.name).join(",")}
  --report=PATH       write the report there (a full run writes docs/RELIABILITY.md)
  --no-build          skip the build step`);
  process.exit(0);
}

const progress = progressLine();
const started = Date.now();
const loadBefore = loadavg();
const logs = mkdtempSync(join(tmpdir(), "hubsig-soak-"));

async function main() {
  if (!values["no-build"]) {
    progress.update("building the packages and the demo apps (turbo)");
    await build();
    progress.done(`✓ built in ${seconds(Date.now() - started)}`);
  }
  // Loaded after the build: on a fresh clone the workspace packages have no dist yet.
  const { FULL, PARTS, passed, runAll } = await import("./run.mjs");
  const { problems, tables } = await import("./tables.mjs");
  const seconds_ = (name, fallback) => (values[name] ? Number(values[name]) * 1000 : fallback);
  const parts = new Set(values.only ? values.only.split(",") : PARTS);
  const apps = values.apps
    ? values.apps.split(",").map((name) => {
        const app = APPS.find((candidate) => candidate.name === name);
        if (!app) throw new Error(`no demo app named ${name}`);
        return app;
      })
    : APPS;
  for (const part of parts) {
    if (!PARTS.includes(part)) throw new Error(`no part named ${part}: ${PARTS.join(", ")}`);
  }
  const options = {
    ...FULL,
    apps,
    parts,
    dir: logs,
    durationMs: seconds_("duration", FULL.durationMs),
    warmupMs: seconds_("warmup", FULL.warmupMs),
    concurrency: Number(values.concurrency ?? FULL.concurrency),
    floodMs: seconds_("flood", FULL.floodMs),
    floodScale: Number(values["flood-scale"] ?? FULL.floodScale),
    giveUpDeliveries: Number(values["give-up"] ?? FULL.giveUpDeliveries),
    faultMs: seconds_("faults", FULL.faultMs),
    samples: Number(values.samples ?? FULL.samples),
  };
  const full =
    parts.size === PARTS.length &&
    apps.length === APPS.length &&
    Object.entries(FULL).every(([key, value]) => options[key] === value);

  const results = await runAll(options, progress.update, (line) => progress.done(line));
  progress.done();
  const sections = tables(results);
  for (const { title, text } of sections) console.log(`\n${title}\n\n${text}`);
  for (const line of problems(results)) console.log(`  ✗ ${line}`);
  const ok = passed(results);
  const took = Date.now() - started;
  console.log(`\nLogs: ${logs}`);
  console.log(`soak: ${ok ? "every part passed" : "FAILED"} in ${seconds(took)}`);

  // A relative --report is taken from where `pnpm soak` was typed.
  const reportPath = values.report
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values.report)
    : full
      ? join(ROOT, "docs/RELIABILITY.md")
      : undefined;
  if (reportPath) {
    const { report } = await import("./report.mjs");
    const machine = await describeMachine(loadBefore);
    writeFileSync(reportPath, report({ results, sections, options, machine, took, full, ok }));
    // Aligned tables, as `biome check` (in pnpm test) wants the committed file.
    await new Promise((done) =>
      execFile(join(ROOT, "node_modules/.bin/biome"), ["format", "--write", reportPath], done),
    );
    console.log(`Report written to ${reportPath}`);
  } else {
    console.log("No report written: not a full run (use --report=PATH to write one anyway).");
  }
  return ok ? 0 : 1;
}

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(ROOT, "node_modules/.bin/turbo"),
      ["run", "build", "--output-logs=errors-only", "--filter=@hubsig/soak..."],
      {
        cwd: ROOT,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(undefined)
        : reject(new Error(`the build failed:\n${output.slice(-4000)}`)),
    );
  });
}

async function describeMachine(loadBefore) {
  const version = async (command, args) => {
    try {
      const { stdout } = await promisify(execFile)(command, args, { timeout: 10_000 });
      return stdout.trim().split("\n")[0];
    } catch {
      return "not found";
    }
  };
  const deno = join(ROOT, "apps/deno-demo/node_modules/.bin/deno");
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? "unknown"}, ${cpu.length} cores`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${readRelease()} (${process.platform} ${process.arch})`,
    node: process.version,
    deno: await version(deno, ["--version"]),
    redis: await version("redis-server", ["--version"]),
    shared: Math.max(loadBefore[0] ?? 0, loadavg()[0] ?? 0) > cpu.length,
    loadBefore: loadBefore.map((n) => n.toFixed(2)).join(", "),
    loadAfter: loadavg()
      .map((n) => n.toFixed(2))
      .join(", "),
    date: new Date().toISOString().slice(0, 16).replace("T", " "),
  };
}

function readRelease() {
  try {
    return (
      readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]+)/m)?.[1] ?? "unknown"
    );
  } catch {
    return "unknown";
  }
}

function seconds(msValue) {
  const s = Math.round(msValue / 1000);
  return s >= 120 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s}s`;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    progress.done(`\n${signal}: stopping every server`);
    await stopAll();
    process.exit(130);
  });
}

main()
  .catch((error) => {
    progress.done();
    console.error(`soak failed: ${error?.stack ?? error}`);
    return 1;
  })
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  });
