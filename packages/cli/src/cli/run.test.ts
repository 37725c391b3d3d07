import { describe, expect, it } from "vitest";
import { hubsig } from "../../test/hubsig.js";

describe("hubsig", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints the overview", async (flag) => {
    const run = await hubsig([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: hubsig <command> [options]");
    for (const command of ["secret", "sign", "verify", "diagnose", "send"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("with no command prints the overview on stderr, exit 2", async () => {
    const run = await hubsig([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Usage: hubsig <command> [options]");
  });

  it.each(["secret", "sign", "verify", "diagnose", "send"])(
    "help %s equals %s --help",
    async (command) => {
      const [viaHelp, viaFlag] = await Promise.all([
        hubsig(["help", command]),
        hubsig([command, "--help"]),
      ]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toContain(`Usage: hubsig ${command}`);
      expect(viaFlag).toEqual(viaHelp);
    },
  );

  it("--version prints the package version", async () => {
    const run = await hubsig(["--version"]);
    expect(run).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it.each([["frobnicate"], ["help", "frobnicate"], ["--sign"]])(
    "%j is an unknown command, exit 2",
    async (...args) => {
      const run = await hubsig(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^hubsig: unknown command "[^"]+" \(see "hubsig --help"\)\n$/);
    },
  );
});
