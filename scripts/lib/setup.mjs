// What `pnpm test` and `pnpm demo` set up before they run: the workspace's dependencies and,
// for the tests, the system programs some suites start (Chromium, redis-server). Only Node
// built-ins here: this runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ROOT, workspacePackages } from "./workspace.mjs";

/** Written after an install that this set-up ran or found current: the inputs it saw. */
const STAMP = join(ROOT, "node_modules/.hubsig-install-stamp");

/**
 * A digest of what decides the installed dependencies: the lockfile, the workspace file and
 * every package.json.
 *
 * @example
 * ```js
 * dependencyInputs(); // "3f2a..."
 * ```
 */
export function dependencyInputs(root = ROOT) {
  const hash = createHash("sha256");
  const files = [
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "package.json",
    ...workspacePackages(root).map((pkg) => join(pkg.dir, "package.json")),
  ];
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(existsSync(join(root, file)) ? readFileSync(join(root, file)) : "missing");
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * Runs `pnpm install --frozen-lockfile` when node_modules is missing or was installed from other
 * package.json files or another lockfile; fails loudly when the install fails.
 *
 * @example
 * ```js
 * ensureDependencies(); // prints what it does, throws if pnpm install fails
 * ```
 */
export function ensureDependencies({ log = console.log } = {}) {
  const inputs = dependencyInputs();
  const current =
    existsSync(join(ROOT, "node_modules/.modules.yaml")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === inputs;
  if (current) return false;
  log("• installing the workspace's dependencies: pnpm install --frozen-lockfile");
  // optimistic-repeat-install off: pnpm would otherwise skip an install after a package.json edit.
  const result = spawnSync(
    "pnpm",
    ["install", "--frozen-lockfile", "--config.optimistic-repeat-install=false"],
    { cwd: ROOT, stdio: "inherit" },
  );
  if (result.error) throw new SetupError(`cannot run pnpm: ${result.error.message}`);
  if (result.status !== 0) {
    throw new SetupError(`pnpm install --frozen-lockfile failed (exit ${result.status})`);
  }
  writeFileSync(STAMP, inputs);
  return true;
}

/**
 * The system programs test suites start. `env` names the variable that may point at the
 * program instead of PATH; `apt` is the Debian package that installs it.
 */
export const SYSTEM_RUNTIMES = [
  {
    name: "chromium",
    apt: "chromium",
    env: "CHROMIUM_PATH",
    fallback: "/usr/bin/chromium",
    neededBy: "the Chromium conformance run and the Next.js playground test",
  },
  {
    name: "redis-server",
    apt: "redis-server",
    neededBy: "the @hubsig/redis tests",
  },
];

/**
 * Where a system program is and which version it reports, or why it is not usable. The same
 * lookup the tests make: `CHROMIUM_PATH` when set, else PATH, else the Debian location.
 *
 * @example
 * ```js
 * findRuntime(SYSTEM_RUNTIMES[0]); // { name: "chromium", path: "/usr/bin/chromium", version: "Chromium 156..." }
 * ```
 */
export function findRuntime(runtime, env = process.env) {
  const configured = runtime.env ? env[runtime.env] : undefined;
  const path = configured || onPath(runtime.name, env.PATH) || fallback(runtime.fallback);
  if (!path) return { name: runtime.name, missing: `${runtime.name} is not on PATH` };
  if (!isExecutable(path)) {
    return {
      name: runtime.name,
      missing: `${configured ? `${runtime.env}=` : ""}${path} is not an executable file`,
    };
  }
  const probe = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 20_000 });
  const version = probe.stdout?.split("\n")[0]?.trim();
  if (probe.status !== 0 || !version) {
    return { name: runtime.name, path, missing: `${path} --version failed` };
  }
  return { name: runtime.name, path, version };
}

/**
 * One string that changes whenever a system program appears, disappears, moves or changes
 * version. `pnpm test` hands it to turbo as `HUBSIG_TEST_RUNTIMES`, which is part of every test
 * task's cache key: a result cached with Chromium present is never replayed without it.
 *
 * @example
 * ```js
 * runtimeFingerprint(); // "chromium=/usr/bin/chromium Chromium 156...;redis-server=/usr/bin/redis-server Redis server v=7.0.15 ..."
 * ```
 */
export function runtimeFingerprint(found = SYSTEM_RUNTIMES.map((runtime) => findRuntime(runtime))) {
  return found
    .map((runtime) =>
      runtime.missing
        ? `${runtime.name}=missing`
        : `${runtime.name}=${runtime.path} ${runtime.version}`,
    )
    .join(";");
}

/**
 * Makes sure every system program the tests need is there: installs the missing ones with
 * apt-get when this is Debian and we are root, otherwise throws a {@link SetupError} whose
 * message is one line naming the command that installs them. Returns what it found, and sets
 * `CHROMIUM_PATH` in `env` to the Chromium it found.
 *
 * @example
 * ```js
 * const found = ensureRuntimes(); // may run apt-get install -y chromium redis-server
 * ```
 */
export function ensureRuntimes({
  env = process.env,
  log = console.log,
  canInstall,
  runtimes = SYSTEM_RUNTIMES,
} = {}) {
  let found = runtimes.map((runtime) => findRuntime(runtime, env));
  const missing = () => runtimes.filter((_, index) => found[index].missing);
  if (missing().length > 0) {
    const packages = missing().map((runtime) => runtime.apt);
    const command = `apt-get install -y ${packages.join(" ")}`;
    const configured = runtimes.filter(
      (runtime, index) => runtime.env && env[runtime.env] && found[index].missing,
    );
    if (configured.length > 0) {
      // A variable pointing at nothing is a mistake to fix, not something to install over.
      const [runtime] = configured;
      throw new SetupError(
        `${runtime.env}=${env[runtime.env]} is not an executable ${runtime.name}: fix or unset it`,
      );
    }
    if (!(canInstall ?? canInstallWithApt())) {
      const names = missing()
        .map((runtime) => runtime.name)
        .join(" and ");
      throw new SetupError(
        `the tests need ${names}, not found: install with \`sudo apt-get update && sudo ${command}\` (Debian/Ubuntu)${variables(missing())}`,
      );
    }
    log(`• installing ${packages.join(", ")} for the tests: apt-get update && ${command}`);
    for (const args of [["update"], ["install", "-y", ...packages]]) {
      const result = spawnSync("apt-get", args, {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
      if (result.status !== 0) {
        throw new SetupError(
          `apt-get ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`})`,
        );
      }
    }
    found = runtimes.map((runtime) => findRuntime(runtime, env));
    const still = found.filter((runtime) => runtime.missing);
    if (still.length > 0) {
      throw new SetupError(
        `still missing after apt-get: ${still.map((runtime) => `${runtime.name} (${runtime.missing})`).join(", ")}`,
      );
    }
  }
  const chromium = found.find((runtime) => runtime.name === "chromium");
  if (chromium?.path) env.CHROMIUM_PATH = chromium.path;
  return found;
}

/** A set-up step that failed; its message is the one line to print. */
export class SetupError extends Error {
  name = "SetupError";
}

function variables(runtimes) {
  const named = runtimes.filter((runtime) => runtime.env);
  return named.length ? ` or set ${named.map((runtime) => runtime.env).join(", ")}` : "";
}

function canInstallWithApt() {
  return (
    process.getuid?.() === 0 && existsSync("/usr/bin/apt-get") && existsSync("/etc/debian_version")
  );
}

function onPath(command, path = "") {
  for (const dir of path.split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function fallback(path) {
  return path && isExecutable(path) ? path : undefined;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
