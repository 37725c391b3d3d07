import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("..", import.meta.url));
const NEXT = join(APP, "node_modules", ".bin", "next");
// Everything a build depends on, the workspace packages' builds included.
const SOURCES = [
  "app",
  "pages",
  "lib",
  "next.config.mjs",
  "package.json",
  "node_modules/@hubsig/next/dist",
  "node_modules/@hubsig/core/dist",
];
// Its own build directory: a `next build` into .next may run at the same time (see next.config.mjs).
const DIST_DIR = ".next-e2e";
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR };

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  // A file that vanished mid-walk is being rebuilt: treat it as changed.
  if (!stat) return Date.now();
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path).map((entry) => newestMtime(join(path, entry))),
  );
}

/** Runs `next build` unless its output is newer than every source file and the adapter build. */
export function buildIfNeeded(): void {
  let built = 0;
  try {
    built = statSync(join(APP, DIST_DIR, "BUILD_ID")).mtimeMs;
  } catch {}
  const newest = Math.max(...SOURCES.map((source) => newestMtime(join(APP, source))));
  if (built > newest) return;
  const result = spawnSync(NEXT, ["build"], { cwd: APP, env: ENV, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface RunningServer {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `next start` on 127.0.0.1 in its own process group, and waits until it answers. */
export async function startNext(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(NEXT, ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: APP,
    env: { ...ENV, ...env },
    detached: true, // own process group: stop() takes next's workers down with it
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  // Even when the test run dies, the server must not outlive it.
  process.once("exit", killGroup);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      await fetch(`${url}/webhooks/jira`, { method: "HEAD" });
      break;
    } catch {
      if (Date.now() > deadline) {
        killGroup();
        throw new Error(`next start did not answer within 30 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    output: () => output,
    async stop() {
      process.off("exit", killGroup);
      if (child.exitCode !== null || !child.pid) return;
      const exited = once(child, "exit");
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(killGroup, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
