// Runs the conformance suite in every runtime of runtimes.json, one after the other, and fails
// when any runtime is missing, fails a case, or does not print its report line (a runner that
// ran nothing counts as a failure, never as a skip).
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import { checkDocuments, loadRuntimes } from "./runtimes-table.mjs";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const binDir = fileURLToPath(new URL("../node_modules/.bin/", import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const REPORT = /HUBSIG_CONFORMANCE (\{.*\})/;
const TIMEOUT_MS = 150_000;
const only = process.argv.slice(2);

const failures = checkDocuments();
const results = [];

for (const runtime of loadRuntimes()) {
  if (only.length && !only.includes(runtime.id)) continue;
  const missing = missingTool(runtime);
  if (missing) {
    failures.push(`${runtime.id}: ${missing}`);
    results.push({ id: runtime.id, status: "MISSING" });
    continue;
  }
  console.log(`\n=== ${runtime.id}: ${runtime.command.join(" ")}`);
  const started = Date.now();
  const { code, output } = await run(runtime.command);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const reports = output
    .split("\n")
    .map((line) => REPORT.exec(line)?.[1])
    .filter(Boolean)
    .map((json) => JSON.parse(json))
    .filter((report) => report.id === runtime.id);
  const report = reports[0];
  if (code !== 0) failures.push(`${runtime.id}: exited with ${code}`);
  else if (!report) failures.push(`${runtime.id}: no report line, so the suite did not run`);
  else if (report.cases === 0 || report.passed !== report.cases) {
    failures.push(`${runtime.id}: ${report.passed} of ${report.cases} cases passed`);
  } else if (wrongNode(runtime, report)) {
    failures.push(`${runtime.id}: ran on Node ${report.version}, ${wrongNode(runtime, report)}`);
  }
  const ok =
    code === 0 &&
    report &&
    report.passed === report.cases &&
    report.cases > 0 &&
    !wrongNode(runtime, report);
  results.push({ id: runtime.id, status: ok ? "ok" : "FAILED", seconds, ...report });
}

if (only.length === 0 && results.length !== loadRuntimes().length) {
  failures.push("not every runtime of runtimes.json ran");
}
const counts = new Set(results.filter((r) => r.cases).map((r) => r.cases));
if (counts.size > 1) failures.push(`runtimes ran different numbers of cases: ${[...counts]}`);

const idWidth = Math.max(8, ...results.map((r) => r.id.length));
console.log(
  `\n${"runtime".padEnd(idWidth)} status  cases  engine       version                   resolved (main, /request)`,
);
for (const r of results) {
  console.log(
    [
      r.id.padEnd(idWidth),
      r.status.padEnd(7),
      String(r.passed ?? "-").padEnd(6),
      String(r.engine ?? "-").padEnd(12),
      String(r.version ?? "-").padEnd(25),
      `${r.resolved ?? "-"}, ${r.resolvedRequest ?? "-"}${r.seconds ? `  (${r.seconds} s)` : ""}`,
    ].join(" "),
  );
}
for (const failure of failures) console.error(`FAIL ${failure}`);
process.exit(failures.length ? 1 : 0);

// The Node matrix (scripts/lib/node-matrix.mjs) sets HUBSIG_NODE_VERSION to the major version
// it put first on PATH: a run that silently used another Node must not pass for that version.
function wrongNode(runtime, report) {
  const expected = process.env.HUBSIG_NODE_VERSION;
  if (!expected || runtime.runtime !== "Node.js") return undefined;
  return report.version.startsWith(`v${expected}.`)
    ? undefined
    : `but HUBSIG_NODE_VERSION asks for Node ${expected}`;
}

function missingTool(runtime) {
  const [tool] = runtime.command;
  try {
    accessSync(`${binDir}${tool}`, constants.X_OK);
  } catch {
    return `${tool} is not installed in node_modules/.bin: run pnpm install`;
  }
  if (runtime.id === "chromium") {
    try {
      accessSync(chromium, constants.X_OK);
    } catch {
      return `no Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`;
    }
  }
  return undefined;
}

function run([tool, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(`${binDir}${tool}`, args, {
      cwd: packageDir,
      env: {
        ...process.env,
        PATH: `${binDir}${delimiter}${process.env.PATH}`,
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (stream, target) =>
      stream.on("data", (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? `signal ${signal}`, output });
    });
  });
}
