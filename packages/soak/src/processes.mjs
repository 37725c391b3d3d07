// Child processes of a run: started in their own process group, so that a stop (or a kill -9)
// reaches every process a start script forks, and never left behind when the run ends.
import { spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** @type {Set<import("node:child_process").ChildProcess>} */
const children = new Set();

/**
 * Starts `command` in a process group of its own, its output appended to `logFile` and passed,
 * line by line, to `onLine`.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile: string, onLine?: (line: string) => void }} options
 * @example
 * const child = startProcess("redis-server", ["--port", "6390"], { logFile: "/tmp/redis.log" });
 */
export function startProcess(command, args, { cwd, env, logFile, onLine }) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const log = createWriteStream(logFile, { flags: "a" });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.on("data", (chunk) => {
      log.write(chunk);
      if (!onLine) return;
      const text = rest + chunk.toString("utf8");
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    });
  }
  child.once("close", () => log.end());
  return child;
}

/** Whether `child` has exited. */
export function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Sends `signal` to the child's whole process group, and with SIGTERM waits up to `graceMs`
 * before killing what is left.
 *
 * @param {import("node:child_process").ChildProcess} child
 * @param {NodeJS.Signals} [signal]
 * @example
 * await stopProcess(child, "SIGKILL"); // kill -9, the whole group
 */
export async function stopProcess(child, signal = "SIGTERM", graceMs = 5000) {
  if (exited(child)) return;
  const done = new Promise((resolve) => child.once("exit", resolve));
  signalGroup(child, signal);
  const timer = sleep(graceMs).then(() => "late");
  if ((await Promise.race([done, timer])) === "late") {
    signalGroup(child, "SIGKILL");
    await done;
  }
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops every process this run started; used on exit, interrupt and failure. */
export async function stopAll() {
  await Promise.all([...children].map((child) => stopProcess(child, "SIGTERM", 3000)));
}

process.on("exit", () => {
  // Last resort, synchronous: never leave a server behind.
  for (const child of children) signalGroup(child, "SIGKILL");
});

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for servers that cannot report the port
 * they chose (redis-server, the demo apps' PORT).
 *
 * @example
 * const port = await freePort();
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * The resident memory of a process and every process in its group, in bytes (Linux /proc):
 * `next start` and `deno run` are started through `sh`, and the server is a child of it.
 *
 * @param {number} pid the group leader
 * @example
 * const bytes = groupRss(child.pid);
 */
export function groupRss(pid) {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pgrp is the 5th field; the 2nd (comm) may hold spaces, so count from its closing ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pid) continue;
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const match = status.match(/^VmRSS:\s+(\d+) kB/m);
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // the process ended while it was read
    }
  }
  return total;
}

/**
 * Polls `probe` until it resolves true, or throws `message()` after `timeoutMs`.
 *
 * @param {() => Promise<boolean> | boolean} probe
 * @param {number} timeoutMs
 * @param {() => string} message
 * @example
 * await waitFor(() => fetch(url).then(() => true, () => false), 60_000, () => "no answer");
 */
export async function waitFor(probe, timeoutMs, message, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(intervalMs);
  }
  throw new Error(message());
}
