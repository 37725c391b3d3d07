import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  nodeMatrixPackages,
  nodeVersions,
  publishablePackages,
  ROOT,
  workspacePackages,
} from "./workspace.mjs";

const rootManifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const isDeno = (pkg) => existsSync(join(pkg.path, "deno.json"));

describe("the workspace", () => {
  it("lists every package folder of pnpm-workspace.yaml", () => {
    const dirs = workspacePackages().map((pkg) => pkg.dir);
    expect(dirs).toEqual(expect.arrayContaining(["packages/core", "apps/next-demo", "bench"]));
    expect(publishablePackages().every((pkg) => pkg.dir.startsWith("packages/"))).toBe(true);
  });

  it("declares the root's supported Node range in every package that runs on Node", () => {
    for (const pkg of workspacePackages().filter((one) => !isDeno(one))) {
      expect(pkg.manifest.engines, `${pkg.dir}/package.json engines`).toEqual(rootManifest.engines);
    }
    const minimum = /^>=(\d+)$/.exec(rootManifest.engines.node)?.[1];
    expect(nodeVersions()[0]).toBe(minimum);
  });

  it("runs core, every Node adapter and the conformance suite under the Node matrix", () => {
    const matrix = nodeMatrixPackages();
    expect(matrix.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining([
        "@hubsig/core",
        "@hubsig/express",
        "@hubsig/koa",
        "@hubsig/next",
        "@hubsig/conformance",
      ]),
    );
    expect(matrix.find((pkg) => pkg.name === "@hubsig/conformance").command).toContain(
      "run-all.mjs node node-web",
    );
    // Every publishable package that is not for Deno runs on Node, so it is tested on each.
    for (const pkg of publishablePackages().filter((one) => !isDeno(one))) {
      expect(
        matrix.map((one) => one.name),
        pkg.name,
      ).toContain(pkg.name);
    }
  });

  it("lists the Node versions in ascending order, once each", () => {
    const versions = nodeVersions().map(Number);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });

  it("ships the root LICENSE with the JSR packages too", () => {
    const license = readFileSync(join(ROOT, "LICENSE"), "utf8");
    const configs = workspacePackages().flatMap((pkg) =>
      ["deno.json", "jsr.json"]
        .filter((file) => existsSync(join(pkg.path, file)))
        .map((file) => ({ pkg, file })),
    );
    expect(configs.length).toBeGreaterThan(0);
    for (const { pkg, file } of configs) {
      const config = JSON.parse(readFileSync(join(pkg.path, file), "utf8"));
      if (!config.publish) continue;
      expect(config.publish.include, `${pkg.dir}/${file} publish.include`).toContain("LICENSE");
      expect(readFileSync(join(pkg.path, "LICENSE"), "utf8")).toBe(license);
    }
  });

  it("refers to its own architecture document, which exists", () => {
    expect(existsSync(join(ROOT, "docs/ARCHITECTURE.md"))).toBe(true);
    // git grep exits 1 when nothing matches.
    const grep = spawnSync("git", ["grep", "-l", "DESIGN[.]md", "--", "."], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(grep.stdout).toBe("");
    expect(grep.status).toBe(1);
  });
});
