// The workspace's packages, read from pnpm-workspace.yaml and each package.json, so that scripts
// pick up a package added under packages/* or apps/* without being edited.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The folder patterns under `packages:` in pnpm-workspace.yaml (`packages/*`, `bench`, ...).
 * Only the forms this repository uses are understood: a folder, or a folder ending in `/*`.
 *
 * @example
 * ```js
 * workspacePatterns(); // ["packages/*", "apps/*", "bench"]
 * ```
 */
export function workspacePatterns(root = ROOT) {
  const lines = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8").split("\n");
  const patterns = [];
  let inPackages = false;
  for (const line of lines) {
    if (/^\S/.test(line)) inPackages = line.trim() === "packages:";
    const item = inPackages && /^\s+-\s+["']?([^"'#\s]+)["']?/.exec(line);
    if (item) patterns.push(item[1]);
  }
  return patterns;
}

/**
 * Every workspace package: its folder (relative to the root), absolute path and manifest.
 *
 * @example
 * ```js
 * workspacePackages().filter((pkg) => !pkg.manifest.private).map((pkg) => pkg.name);
 * ```
 */
export function workspacePackages(root = ROOT) {
  const dirs = [];
  for (const pattern of workspacePatterns(root)) {
    if (pattern.endsWith("/*")) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else {
      dirs.push(join(root, pattern));
    }
  }
  return dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { name: manifest.name, dir: relative(root, dir), path: dir, manifest };
    });
}

/**
 * The packages published to npm: every workspace package not marked `"private": true`.
 *
 * @example
 * ```js
 * publishablePackages().map((pkg) => pkg.name); // ["@hubsig/cli", "@hubsig/core", ...]
 * ```
 */
export function publishablePackages(root = ROOT) {
  return workspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}

/**
 * The packages whose tests also run under every Node version of the matrix: those with
 * `"hubsig": { "nodeMatrix": true }` (their `test` script) or `"nodeMatrix": "<script>"`.
 *
 * @example
 * ```js
 * nodeMatrixPackages(); // [{ name: "@hubsig/core", script: "test", ... }, ...]
 * ```
 */
export function nodeMatrixPackages(root = ROOT) {
  return workspacePackages(root).flatMap((pkg) => {
    const field = pkg.manifest.hubsig?.nodeMatrix;
    if (field === undefined || field === false) return [];
    const script = field === true ? "test" : field;
    if (typeof script !== "string" || !pkg.manifest.scripts?.[script]) {
      throw new Error(
        `${pkg.dir}/package.json: hubsig.nodeMatrix must be true or the name of one of its scripts`,
      );
    }
    return [{ ...pkg, script, command: pkg.manifest.scripts[script] }];
  });
}

/**
 * The Node versions hubsig supports and CI tests, from the root package.json's
 * `hubsig.nodeVersions` (major versions as strings).
 *
 * @example
 * ```js
 * nodeVersions(); // ["20", "22", "24", "26"]
 * ```
 */
export function nodeVersions(root = ROOT) {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const versions = manifest.hubsig?.nodeVersions;
  if (!Array.isArray(versions) || versions.length === 0) {
    throw new Error("package.json: hubsig.nodeVersions must list the supported Node versions");
  }
  return versions.map(String);
}
