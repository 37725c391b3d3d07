// Starts one demo app from scripts/demo.mjs as `pnpm demo` does, and counts its handler
// runs from the line each run prints (`delivery=<identifier> retry=<n>`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exited, freePort, groupRss, startProcess, stopProcess, waitFor } from "./processes.mjs";
import { ROOT } from "./root.mjs";

const RUN_LINE = /\bdelivery=(\S+) retry=(\d+)/;
const STARTUP_TIMEOUT_MS = 90_000;

/**
 * @typedef {import("../../../scripts/demo.mjs").DemoApp} DemoApp
 * @typedef {{ label: string, url: string }} Target
 * @typedef {object} DemoServer
 * @property {DemoApp} app
 * @property {import("node:child_process").ChildProcess} child
 * @property {string} base
 * @property {Target[]} targets one per route
 * @property {Map<string, number>} runs handler runs per delivery identifier
 * @property {Map<string, number[]>} runRetries the `retry` of each run, per identifier
 * @property {() => number} rss resident memory of the server's processes, in bytes
 * @property {() => boolean} alive
 * @property {string} logFile
 * @property {() => Promise<void>} stop
 */

/**
 * Starts `app` on a free port with the given secrets, `DEDUPE=memory` and `SIMULATED_WORK_MS`,
 * and resolves once it answers HTTP.
 *
 * @param {DemoApp} app
 * @param {{ secret: string, previous: string, workMs?: number, logDir: string, tag?: string }} options
 * @returns {Promise<DemoServer>}
 * @example
 * const server = await startDemo(APPS[0], { secret, previous, logDir });
 * await server.stop();
 */
export async function startDemo(app, { secret, previous, workMs = 0, logDir, tag = "" }) {
  const dir = join(ROOT, app.dir);
  const { scripts } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const port = await freePort();
  const logFile = join(logDir, `${app.name}${tag}.log`);
  /** @type {Map<string, number>} */
  const runs = new Map();
  /** @type {Map<string, number[]>} */
  const runRetries = new Map();
  const child = startProcess("sh", ["-c", scripts.start], {
    cwd: dir,
    logFile,
    env: {
      ...process.env,
      PATH: `${join(dir, "node_modules/.bin")}:${join(ROOT, "node_modules/.bin")}:${process.env.PATH}`,
      HOST: "127.0.0.1",
      PORT: String(port),
      JIRA_WEBHOOK_SECRET: secret,
      JIRA_WEBHOOK_SECRET_PREVIOUS: previous,
      DEDUPE: "memory",
      SIMULATED_WORK_MS: String(workMs),
      NEXT_TELEMETRY_DISABLED: "1",
      NO_COLOR: "1",
      ...app.env,
    },
    onLine: (line) => {
      const match = RUN_LINE.exec(line);
      if (match && !line.includes("refused")) {
        const id = /** @type {string} */ (match[1]);
        runs.set(id, (runs.get(id) ?? 0) + 1);
        const retries = runRetries.get(id);
        if (retries) retries.push(Number(match[2]));
        else runRetries.set(id, [Number(match[2])]);
      }
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (exited(child)) return true;
      try {
        await fetch(base, { signal: AbortSignal.timeout(2000) });
        return true;
      } catch {
        return false;
      }
    },
    STARTUP_TIMEOUT_MS,
    () => `${app.name}-demo did not start at ${base}:\n${tail(logFile)}`,
    200,
  );
  if (exited(child)) throw new Error(`${app.name}-demo exited at start:\n${tail(logFile)}`);
  return {
    app,
    child,
    base,
    targets: Object.entries(app.routes).map(([label, path]) => ({ label, url: base + path })),
    runs,
    runRetries,
    rss: () => groupRss(/** @type {number} */ (child.pid)),
    alive: () => !exited(child),
    logFile,
    stop: () => stopProcess(child),
  };
}

/**
 * The last lines of a log file, for error messages.
 *
 * @example
 * throw new Error(`receiver died:\n${tail(logFile)}`);
 */
export function tail(file, lines = 30) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
