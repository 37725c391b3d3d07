import { describe, expect, it } from "vitest";
import { hubsig } from "../../../test/hubsig.js";

describe("hubsig secret", () => {
  it("prints a fresh 32-byte base64url secret and a newline", async () => {
    const [first, second] = await Promise.all([hubsig(["secret"]), hubsig(["secret"])]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it.each([
    ["16", 22],
    ["48", 64],
    ["1024", 1366],
  ])("--bytes %s gives %i characters", async (bytes, length) => {
    const run = await hubsig(["secret", "--bytes", bytes]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd()).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
  });

  it.each([
    [["--bytes", "15"], "--bytes must be a whole number from 16 to 1024"],
    [["--bytes", "1025"], "--bytes must be a whole number from 16 to 1024"],
    [["--bytes", "abc"], "--bytes must be a whole number"],
    [["--bytes", "1.5"], "--bytes must be a whole number"],
    [["--bytes=-3"], "--bytes must be a whole number"],
    [["--bytes"], "option --bytes needs a value"],
    [["--size", "32"], "unknown option --size"],
    [["extra"], 'unexpected argument "extra"'],
  ])("%j is a usage error", async (args, message) => {
    const run = await hubsig(["secret", ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hubsig: [^\n]+\n$/);
    expect(run.stderr).toContain(message);
  });

  it("--help describes the command", async () => {
    const run = await hubsig(["secret", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: hubsig secret [--bytes N]");
  });
});
