import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  dependencyInputs,
  ensureRuntimes,
  findRuntime,
  runtimeFingerprint,
  SetupError,
} from "./setup.mjs";
import { ROOT } from "./workspace.mjs";

const BIN = mkdtempSync(join(tmpdir(), "hubsig-setup-"));
afterAll(() => rmSync(BIN, { recursive: true, force: true }));

/** A fake program in BIN that answers --version with `version`. */
function fakeProgram(name, version) {
  const path = join(BIN, name);
  writeFileSync(path, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(path, 0o755);
  return path;
}

const FAKE = { name: "hubsig-fake-browser", apt: "hubsig-fake-browser", env: "FAKE_BROWSER_PATH" };
const ABSENT = { name: "hubsig-absent-server", apt: "hubsig-absent-server" };

describe("findRuntime", () => {
  it("finds a program on PATH, or where its variable points, with its version", () => {
    const path = fakeProgram(FAKE.name, "Fake 1.2.3");
    expect(findRuntime(FAKE, { PATH: BIN })).toEqual({
      name: FAKE.name,
      path,
      version: "Fake 1.2.3",
    });
    expect(findRuntime(FAKE, { PATH: "", FAKE_BROWSER_PATH: path })).toMatchObject({ path });
  });

  it("says why a program is missing", () => {
    expect(findRuntime(ABSENT, { PATH: BIN }).missing).toBe("hubsig-absent-server is not on PATH");
    expect(findRuntime(FAKE, { PATH: "", FAKE_BROWSER_PATH: join(BIN, "nope") }).missing).toBe(
      `FAKE_BROWSER_PATH=${join(BIN, "nope")} is not an executable file`,
    );
  });
});

describe("runtimeFingerprint", () => {
  it("changes when a program disappears, moves or changes version", () => {
    const path = fakeProgram("hubsig-fp", "v1");
    const runtime = { name: "hubsig-fp", apt: "x" };
    const present = runtimeFingerprint([findRuntime(runtime, { PATH: BIN })]);
    expect(present).toBe(`hubsig-fp=${path} v1`);
    fakeProgram("hubsig-fp", "v2");
    const upgraded = runtimeFingerprint([findRuntime(runtime, { PATH: BIN })]);
    rmSync(path);
    const gone = runtimeFingerprint([findRuntime(runtime, { PATH: BIN })]);
    expect(new Set([present, upgraded, gone]).size).toBe(3);
    expect(gone).toBe("hubsig-fp=missing");
  });
});

describe("ensureRuntimes", () => {
  it("stops with one line naming the install command when it may not install", () => {
    const env = { PATH: join(BIN, "empty") };
    let error;
    try {
      ensureRuntimes({ env, runtimes: [FAKE, ABSENT], canInstall: false, log: () => {} });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SetupError);
    expect(error.message).not.toContain("\n");
    expect(error.message).toContain(
      "sudo apt-get install -y hubsig-fake-browser hubsig-absent-server",
    );
    expect(error.message).toContain("or set FAKE_BROWSER_PATH");
  });

  it("refuses a variable that points at nothing instead of installing over it", () => {
    const env = { PATH: BIN, FAKE_BROWSER_PATH: join(BIN, "missing-browser") };
    expect(() => ensureRuntimes({ env, runtimes: [FAKE], canInstall: true })).toThrow(
      /FAKE_BROWSER_PATH=.*missing-browser is not an executable hubsig-fake-browser: fix or unset it/,
    );
  });

  it("returns what it found when everything is there", () => {
    const path = fakeProgram(FAKE.name, "Fake 2");
    const found = ensureRuntimes({ env: { PATH: BIN }, runtimes: [FAKE], canInstall: false });
    expect(found).toEqual([{ name: FAKE.name, path, version: "Fake 2" }]);
  });
});

describe("dependencyInputs", () => {
  it("is a digest of the lockfile and every package.json, stable between calls", () => {
    expect(dependencyInputs()).toMatch(/^[0-9a-f]{64}$/);
    expect(dependencyInputs()).toBe(dependencyInputs());
  });
});

describe("turbo's cache key for tests", () => {
  const hashes = (runtimes) => {
    const output = execFileSync(
      join(ROOT, "node_modules/.bin/turbo"),
      ["run", "test", "--filter=@hubsig/conformance", "--dry=json"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, HUBSIG_TEST_RUNTIMES: runtimes, TURBO_TELEMETRY_DISABLED: "1" },
      },
    );
    return JSON.parse(output).tasks;
  };

  it("includes what pnpm test found of Chromium and redis-server", () => {
    const present = hashes(
      "chromium=/usr/bin/chromium Chromium 1;redis-server=/usr/bin/redis-server 7",
    );
    const missing = hashes("chromium=missing;redis-server=/usr/bin/redis-server 7");
    const test = (tasks) => tasks.find((task) => task.taskId === "@hubsig/conformance#test");
    expect(test(present).hash).not.toBe(test(missing).hash);
  }, 30_000);

  it("runs the uncached runtime check before every test task", () => {
    const tasks = hashes("x");
    const check = tasks.find((task) => task.taskId === "//#check:runtimes");
    expect(check.resolvedTaskDefinition.cache).toBe(false);
    const test = tasks.find((task) => task.taskId === "@hubsig/conformance#test");
    expect(test.dependencies).toContain("//#check:runtimes");
  }, 30_000);
});
