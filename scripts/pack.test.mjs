// What npm users get: every publishable package (every workspace package not marked private)
// packed with `pnpm pack`, the tarballs installed with npm into a new project outside the
// workspace (peers from the registry), and every entry loaded with import and with require.
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishablePackages, ROOT } from "./lib/workspace.mjs";

const PACKAGES = publishablePackages();
const LICENSE = readFileSync(join(ROOT, "LICENSE"), "utf8");
const ENGINES = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).engines;
const TEMP = mkdtempSync(join(tmpdir(), "hubsig-pack-"));
const TARBALLS = join(TEMP, "tarballs");
const PROJECT = join(TEMP, "project");

/** name -> { tarball, files (paths inside the tarball), manifest (the packed package.json) } */
const packed = new Map();
let loaded = [];

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  // dist/ is what gets packed: build what is not built yet (turbo replays the rest).
  run(
    join(ROOT, "node_modules/.bin/turbo"),
    ["run", "build", "--output-logs=errors-only", ...PACKAGES.map((pkg) => `--filter=${pkg.name}`)],
    ROOT,
  );
  mkdirSync(TARBALLS);
  for (const pkg of PACKAGES) {
    const before = new Set(readdirSync(TARBALLS));
    run("pnpm", ["pack", "--pack-destination", TARBALLS], pkg.path);
    const [tarball] = readdirSync(TARBALLS).filter((file) => !before.has(file));
    const path = join(TARBALLS, tarball);
    const files = run("tar", ["-tzf", path], TEMP)
      .split("\n")
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, ""));
    const manifest = run("tar", ["-xzOf", path, "package/package.json"], TEMP);
    const license = files.includes("LICENSE")
      ? run("tar", ["-xzOf", path, "package/LICENSE"], TEMP)
      : undefined;
    packed.set(pkg.name, { tarball: path, files, manifestText: manifest, license });
  }

  // A fresh project: the tarballs by file, every @hubsig dependency among them pinned to its
  // tarball too, so that nothing of ours comes from the registry.
  mkdirSync(PROJECT);
  const dependencies = Object.fromEntries(
    [...packed].map(([name, { tarball }]) => [name, `file:${tarball}`]),
  );
  const overrides = Object.fromEntries([...packed.keys()].map((name) => [name, `$${name}`]));
  writeFileSync(
    join(PROJECT, "package.json"),
    JSON.stringify({ name: "hubsig-pack-check", private: true, dependencies, overrides }, null, 2),
  );
  run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--ignore-scripts",
      "--omit=optional",
      "--loglevel=error",
    ],
    PROJECT,
  );
  copyFileSync(join(ROOT, "scripts/lib/load-entries.mjs"), join(PROJECT, "load-entries.mjs"));
  loaded = JSON.parse(run(process.execPath, ["load-entries.mjs", ...packed.keys()], PROJECT));
}, 600_000);

afterAll(() => {
  if (!process.env.HUBSIG_KEEP_PACK) rmSync(TEMP, { recursive: true, force: true });
});

describe("npm packing", () => {
  it("finds the publishable packages", () => {
    expect(PACKAGES.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(["@hubsig/core", "@hubsig/express", "@hubsig/koa", "@hubsig/next"]),
    );
    expect([...packed.keys()]).toEqual(PACKAGES.map((pkg) => pkg.name));
  });

  describe.each(PACKAGES.map((pkg) => [pkg.name, pkg]))("%s", (name, pkg) => {
    it("keeps no workspace: protocol in the packed package.json", () => {
      const { manifestText } = packed.get(name);
      expect(manifestText).not.toContain("workspace:");
      const manifest = JSON.parse(manifestText);
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
          expect(range, `${field}.${dependency}`).toMatch(/^[\^~>=<\d*]/);
        }
      }
    });

    it("ships the repository's LICENSE and a README", () => {
      const { files, license } = packed.get(name);
      expect(files, `copy the root LICENSE into ${pkg.dir}/`).toContain("LICENSE");
      expect(license).toBe(LICENSE);
      expect(files).toContain("README.md");
      expect(JSON.parse(packed.get(name).manifestText).license).toBe("MIT");
    });

    it("ships every file its manifest points at, and no tests", () => {
      const { files, manifestText } = packed.get(name);
      const manifest = JSON.parse(manifestText);
      const targets = new Set();
      const collect = (node) => {
        if (typeof node === "string") targets.add(node.replace(/^\.\//, ""));
        else if (node && typeof node === "object") Object.values(node).forEach(collect);
      };
      collect(manifest.exports);
      collect(manifest.bin);
      for (const field of ["main", "module", "types"]) collect(manifest[field]);
      targets.delete("package.json");
      expect(targets.size).toBeGreaterThan(0);
      for (const target of targets) expect(files, target).toContain(target);
      expect(files.filter((file) => /\.test\.[cm]?[jt]s$/.test(file))).toEqual([]);
    });

    it("declares the supported Node range and publishes with provenance", () => {
      const manifest = JSON.parse(packed.get(name).manifestText);
      expect(manifest.engines).toEqual(ENGINES);
      expect(manifest.publishConfig).toMatchObject({ access: "public", provenance: true });
    });

    it("loads every entry from the installed tarball with import and with require", () => {
      const entries = loaded.filter(
        (entry) => entry.specifier === name || entry.specifier.startsWith(`${name}/`),
      );
      expect(entries.length).toBeGreaterThan(0);
      const installed = join(PROJECT, "node_modules", name);
      for (const entry of entries) {
        expect(entry.importError, entry.specifier).toBeUndefined();
        expect(entry.importPath.startsWith(installed), entry.importPath).toBe(true);
        expect(entry.importNames.length, entry.specifier).toBeGreaterThan(0);
        if (entry.requirable) {
          expect(entry.requireError, entry.specifier).toBeUndefined();
          expect(entry.requirePath.startsWith(installed), entry.requirePath).toBe(true);
          expect(entry.requirePath, entry.specifier).toMatch(/\.cjs$/);
          expect(entry.requireNames, entry.specifier).toEqual(entry.importNames);
        } else {
          // ESM only (the manifest offers no require condition): require says so plainly.
          expect(entry.requireErrorCode, entry.specifier).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
        }
      }
    });
  });

  it("installs every @hubsig package once, from its tarball, none from the registry", () => {
    const lock = JSON.parse(readFileSync(join(PROJECT, "package-lock.json"), "utf8"));
    const ours = Object.entries(lock.packages).filter(([path]) =>
      /(^|\/)node_modules\/@hubsig\/[^/]+$/.test(path),
    );
    expect(ours.map(([path]) => path).sort()).toEqual(
      [...packed.keys()].map((name) => `node_modules/${name}`).sort(),
    );
    for (const [path, entry] of ours) {
      const tarball = packed.get(path.slice("node_modules/".length)).tarball;
      expect(entry.resolved, path).toBe(`file:../tarballs/${tarball.split("/").pop()}`);
    }
  });

  it("runs the installed hubsig command", () => {
    const secret = run(join(PROJECT, "node_modules/.bin/hubsig"), ["secret"], PROJECT).trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
