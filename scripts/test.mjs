#!/usr/bin/env node
// `pnpm test`: sets up what the tests need (the workspace's dependencies, Chromium,
// redis-server), then runs biome, turbo (typecheck, test, package:check in every package) and
// the root tests, and ends with what failed and one line that totals every test.
//
//   pnpm test                  the whole suite on this machine's Node
//   pnpm test --node-matrix    also the packages marked hubsig.nodeMatrix under every other
//                              Node version of package.json's hubsig.nodeVersions (as CI does)
//   pnpm test --package=PKG    only PKG's turbo tasks (repeatable; turbo's --filter syntax),
//                              without the root tests (pnpm itself takes --filter)
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { majorOf, runVersion } from "./lib/node-matrix.mjs";
import {
  ensureDependencies,
  ensureRuntimes,
  runtimeFingerprint,
  SetupError,
} from "./lib/setup.mjs";
import { countTests, failureLines, stripAnsi, totalLine } from "./lib/test-report.mjs";
import { nodeMatrixPackages, nodeVersions, ROOT } from "./lib/workspace.mjs";

const args = process.argv.slice(2);
const withMatrix = args.includes("--node-matrix") || process.env.HUBSIG_NODE_MATRIX === "1";
const packages = args.filter((arg) => arg.startsWith("--package="));
const filters = packages.map((arg) => `--filter=${arg.slice("--package=".length)}`);
const unknown = args.filter((arg) => arg !== "--node-matrix" && !packages.includes(arg));
if (unknown.length) {
  console.error(`pnpm test: unknown option ${unknown.join(" ")} (--node-matrix, --package=PKG)`);
  process.exit(2);
}
const started = Date.now();
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};
const bin = (name) => join(ROOT, "node_modules/.bin", name);

/** Every part of the run: tests counted, failures with the lines that say why. */
const total = { passed: 0, failed: 0, skipped: 0 };
const failures = []; // { name, lines }
const uncounted = []; // tasks that printed no test summary: counted as one test each
const timings = []; // [label, seconds]

function record(name, code, output, { isTest }) {
  const counts = isTest ? countTests(output) : undefined;
  if (counts?.found) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    // A runner that failed without a failed test (a crash, a hook, a timeout) still fails.
    if (code !== 0 && counts.failed === 0) total.failed++;
  } else if (isTest) {
    uncounted.push(name);
    if (code === 0) total.passed++;
    else total.failed++;
  }
  if (code !== 0) failures.push({ name, lines: failureLines(output) });
}

/** Runs a command with its output passed through, and returns it too. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      ...options,
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", (error) => {
      output += `\n${command}: ${error.message}\n`;
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function timed(label, step) {
  const at = Date.now();
  const result = await step();
  timings.push([label, (Date.now() - at) / 1000]);
  return result;
}

function setUp() {
  const major = majorOf(process.version);
  const supported = nodeVersions();
  if (Number(major) < Number(supported[0])) {
    throw new SetupError(
      `Node ${process.version} is too old: hubsig needs Node ${supported[0]} or later`,
    );
  }
  ensureDependencies();
  ensureRuntimes({ env });
  // Part of every test task's cache key (turbo.json): a runtime that appears, disappears or
  // changes version reruns the tests instead of replaying a result cached without it.
  env.HUBSIG_TEST_RUNTIMES = runtimeFingerprint();
  console.log(`• Node ${process.version}; ${env.HUBSIG_TEST_RUNTIMES.replaceAll(";", "; ")}`);
}

async function turbo() {
  const { code, output } = await run(bin("turbo"), [
    "run",
    "typecheck",
    "test",
    "package:check",
    "--concurrency=2",
    "--continue=dependencies-successful",
    "--summarize",
    ...filters,
  ]);
  const summaryPath = /Summary:\s+(\S+\.json)/.exec(stripAnsi(output))?.[1];
  let summary;
  try {
    summary = summaryPath && JSON.parse(readFileSync(summaryPath, "utf8"));
  } catch {}
  if (summaryPath) rmSync(summaryPath, { force: true });
  if (!summary) {
    record("turbo", code || 1, output, { isTest: false });
    return;
  }
  for (const task of summary.tasks) {
    const exitCode = task.execution?.exitCode;
    if (exitCode === undefined || task.command === "<NONEXISTENT>") continue;
    let log = "";
    try {
      log = readFileSync(join(ROOT, task.logFile), "utf8");
    } catch {}
    record(task.taskId, exitCode, log, { isTest: task.task === "test" });
  }
  // Tasks turbo did not start because one they depend on failed.
  const ran = new Set(summary.tasks.filter((task) => task.execution).map((task) => task.taskId));
  const skipped = summary.tasks.filter(
    (task) => !ran.has(task.taskId) && task.command !== "<NONEXISTENT>",
  );
  for (const task of skipped) {
    failures.push({ name: task.taskId, lines: ["    not run: a task it depends on failed"] });
  }
  if (code !== 0 && !failures.length) record("turbo", code, output, { isTest: false });
}

async function nodeMatrix() {
  const packages = nodeMatrixPackages();
  const current = majorOf(process.version);
  for (const major of nodeVersions().filter((version) => version !== current)) {
    const result = await runVersion(major, packages, { env });
    timings.push([`Node ${major} (${result.node.version})`, result.seconds]);
    for (const job of result.jobs) {
      record(`Node ${major} ${job.pkg.name}#${job.pkg.script}`, job.code, job.output, {
        isTest: true,
      });
    }
  }
}

function report() {
  console.log("\n=== summary");
  for (const [label, seconds] of timings) console.log(`  ${label}: ${seconds.toFixed(0)}s`);
  if (uncounted.length) {
    console.log(`  no test summary printed, counted as one test each: ${uncounted.join(", ")}`);
  }
  for (const failure of failures) {
    console.log(`✗ ${failure.name}`);
    for (const line of failure.lines) console.log(`    ${line}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${failures.length ? "FAILED" : "ok"} in ${seconds}s`);
  console.log(totalLine(total));
}

try {
  setUp();
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`pnpm test: ${error.message}`);
  process.exit(1);
}
const lint = await timed("biome check", () => run(bin("biome"), ["check", "."]));
record("biome check", lint.code, lint.output, { isTest: false });
await timed("turbo (typecheck, test, package:check)", turbo);
if (filters.length === 0) {
  const root = await timed("root tests", () =>
    run(bin("vitest"), ["run", "--config", "scripts/vitest.config.mjs"]),
  );
  record("root tests", root.code, root.output, { isTest: true });
}
if (withMatrix) {
  const built = !failures.some((failure) => failure.name.endsWith("#build"));
  if (built) {
    try {
      await nodeMatrix();
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      failures.push({ name: "Node matrix", lines: [error.message] });
    }
  } else {
    failures.push({ name: "Node matrix", lines: ["not run: the build failed"] });
  }
}
report();
process.exit(failures.length ? 1 : 0);
