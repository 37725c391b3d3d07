import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sign } from "@hubsig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubsig } from "../../../test/hubsig.js";

const BODY = '{"webhookEvent":"comment_created","body":"Zoë 👍 日本語"}\n';
let dir: string;
let file: string;
let signature: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hubsig-verify-"));
  file = join(dir, "body.json");
  await writeFile(file, BODY);
  await writeFile(join(dir, "old.txt"), "old-secret\n");
  signature = await sign(BODY, "old-secret");
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const verify = (...args: string[]) => hubsig(["verify", file, ...args]);

describe("hubsig verify", () => {
  it("names the current secret when it matches", async () => {
    const run = await verify("--signature", signature, "--secret", "old-secret");
    expect(run).toEqual({ code: 0, stdout: "verified: sha256, secret 0 (current)\n", stderr: "" });
  });

  it("names a previous secret while rotating", async () => {
    const run = await verify("--signature", signature, "--secret", "new", "--secret", "old-secret");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("verified: sha256, secret 1 (previous #1)\n");
  });

  it("keeps the order of --secret and --secret-file", async () => {
    const run = await verify(
      "--signature",
      signature,
      "--secret",
      "newest",
      "--secret",
      "newer",
      "--secret-file",
      join(dir, "old.txt"),
    );
    expect(run.stdout).toBe("verified: sha256, secret 2 (previous #2)\n");
  });

  it("reads the body from stdin and the secret from HUBSIG_SECRET", async () => {
    const run = await hubsig(["verify", "--signature", signature], {
      input: BODY,
      env: { HUBSIG_SECRET: "old-secret" },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("secret 0 (current)");
  });

  it("verifies what the sign command printed, for every method", async () => {
    for (const algorithm of ["sha256", "sha384", "sha512"]) {
      const signed = await hubsig(["sign", file, "--secret", "k", "--algorithm", algorithm]);
      const run = await verify("--signature", signed.stdout.trim(), "--secret", "k");
      expect(run.stdout).toBe(`verified: ${algorithm}, secret 0 (current)\n`);
    }
  });

  it.each([
    [["--secret", "wrong"], "SIGNATURE", "signature_mismatch"],
    [["--secret", "old-secret"], `sha256=${"0".repeat(64)}`, "signature_mismatch"],
    [["--secret", "old-secret"], "sha256=abc", "malformed_signature"],
    [["--secret", "old-secret"], `sha256=${"g".repeat(64)}`, "malformed_signature"],
    [["--secret", "old-secret"], "no-equals-sign", "malformed_signature"],
    [["--secret", "old-secret"], "", "missing_signature"],
    [["--secret", "old-secret"], `md5=${"0".repeat(32)}`, "unsupported_algorithm"],
    [["--secret", "old-secret"], "SHA1", "unsupported_algorithm"],
    [["--secret", "old-secret", "--algorithms", "sha512"], "SIGNATURE", "unsupported_algorithm"],
  ])("%j with %j fails with %s, exit 1", async (args, header, reason) => {
    const value =
      header === "SIGNATURE"
        ? signature
        : header === "SHA1"
          ? await sign(BODY, "old-secret", "sha1")
          : header;
    const run = await verify("--signature", value, ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^not verified: ${reason}: [^\\n]+\\n$`));
    expect(run.stdout).not.toContain("old-secret");
  });

  it("accepts sha1 only when --algorithms lists it", async () => {
    const sha1 = await sign(BODY, "old-secret", "sha1");
    const run = await verify(
      "--signature",
      sha1,
      "--secret",
      "old-secret",
      "--algorithms",
      "sha256,SHA1",
    );
    expect(run.stdout).toBe("verified: sha1, secret 0 (current)\n");
  });

  it.each([
    [["--secret", "old-secret"], 'missing --signature "method=<hex>"'],
    [["--signature", "x"], "no secret"],
    [
      ["--signature", "x", "--secret", "k", "--algorithms", "sha256,md5"],
      '--algorithms: unknown method "md5"',
    ],
    [["--signature", "x", "--secret", "k", "--algorithms", ""], "--algorithms: unknown method"],
    [
      ["--signature", "x", "--secret", "k", "--secret-file", "/nonexistent/secret"],
      'cannot read secret file "/nonexistent/secret"',
    ],
    [["--signature", "x", "--secret", "k", "--tamper"], "unknown option --tamper"],
    [["--signature"], "option --signature needs a value"],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const run = await verify(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hubsig: [^\n]+\n$/);
    expect(run.stderr).toContain(message);
  });

  it("an unreadable body file is a one-line error, exit 2", async () => {
    const missing = join(dir, "missing.json");
    const run = await hubsig(["verify", missing, "--signature", signature, "--secret", "k"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `hubsig: cannot read file "${missing}": no such file\n`,
    });
  });

  it("--help describes the exit statuses", async () => {
    const run = await hubsig(["verify", "-h"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Exit status: 0 verified, 1 not verified");
  });
});
