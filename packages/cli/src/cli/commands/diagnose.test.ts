import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sign } from "@hubsig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubsig, type Run } from "../../../test/hubsig.js";

const SECRET = "It's a Secret to Everybody";
const EVENT = {
  webhookEvent: "comment_created",
  comment: { id: "10040", body: "Zoë 👍 日本語" },
  issue: { key: "HUB-7" },
};
// What the sender signed: compact JSON, no final newline.
const COMPACT = JSON.stringify(EVENT);
let dir: string;
let signature: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hubsig-diagnose-"));
  signature = await sign(COMPACT, SECRET);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function bodyFile(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

/** Output must never carry a digest: neither the expected one nor the one given. */
function expectNoDigest(run: Run): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/[0-9a-f]{40}/i);
}

describe("hubsig diagnose", () => {
  it("prints the verdict like verify when the signature matches, exit 0", async () => {
    const file = await bodyFile("exact.json", COMPACT);
    const run = await hubsig(["diagnose", file, "--signature", signature, "--secret", SECRET]);
    expect(run).toEqual({ code: 0, stdout: "verified: sha256, secret 0 (current)\n", stderr: "" });
  });

  it("names the previous secret while rotating", async () => {
    const run = await hubsig(
      ["diagnose", "--signature", signature, "--secret", "new", "--secret", SECRET],
      { input: COMPACT },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("verified: sha256, secret 1 (previous #1)\n");
  });

  it("finds a body that was parsed and pretty-printed again", async () => {
    const file = await bodyFile("pretty.json", JSON.stringify(EVENT, null, 2));
    const run = await hubsig(["diagnose", file, "--signature", signature, "--secret", SECRET]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const [verdict, count, finding, ...rest] = run.stdout.split("\n");
    expect(verdict).toMatch(/^not verified: signature_mismatch: /);
    expect(count).toBe("1 probable cause:");
    expect(finding).toMatch(/^ {2}body_reserialized: .*\(compact\).*raw body/);
    expect(rest).toEqual([""]);
    expectNoDigest(run);
  });

  it("finds the final newline an editor added when the body was saved", async () => {
    const file = await bodyFile("saved.json", `${COMPACT}\n`);
    const run = await hubsig(["diagnose", file, "--signature", signature, "--secret", SECRET]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("1 probable cause:\n  trailing_newline: ");
    expect(run.stdout).not.toContain("body_reserialized");
    expectNoDigest(run);
  });

  it.each([
    ["HUBSIG_SECRET read from a .env line with its newline", [], { HUBSIG_SECRET: `${SECRET}\n` }],
    ["--secret with a trailing space", ["--secret", `${SECRET} `], {}],
  ])("finds the secret's whitespace: %s", async (_name, args, env) => {
    const run = await hubsig(["diagnose", "--signature", signature, ...args], {
      input: COMPACT,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\n1 probable cause:\n {2}secret_whitespace: [^\n]*trim[^\n]*\n$/);
    expect(run.stdout).not.toContain(SECRET);
    expectNoDigest(run);
  });

  it("finds whitespace in a secret file beyond the one newline it drops", async () => {
    const secretFile = join(dir, "secret.txt");
    await writeFile(secretFile, `${SECRET}\n\n`);
    const run = await hubsig(["diagnose", "--signature", signature, "--secret-file", secretFile], {
      input: COMPACT,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("  secret_whitespace: ");
  });

  it.each([
    ["a digest of random bytes", `sha256=${"5a".repeat(32)}`],
    ["the signature of another body", "OTHER"],
    ["a signature made with another secret", "GUESSED"],
  ])("reports no cause for a forgery: %s", async (_name, value) => {
    const header =
      value === "OTHER"
        ? await sign(COMPACT.replace("HUB-7", "HUB-8"), SECRET)
        : value === "GUESSED"
          ? await sign(COMPACT, "guessed")
          : value;
    const file = await bodyFile("forged.json", JSON.stringify(EVENT, null, 2));
    const run = await hubsig(["diagnose", file, "--signature", header, "--secret", SECRET]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^not verified: signature_mismatch: /);
    expect(lines[1]).toMatch(/^no probable cause found: /);
    expect(lines).toHaveLength(3);
    expectNoDigest(run);
  });

  it("never prints the expected digest of the body it read, nor of any candidate", async () => {
    const pretty = JSON.stringify(EVENT, null, 2);
    const file = await bodyFile("oracle.json", `${pretty}\n`);
    const run = await hubsig(["diagnose", file, "--signature", signature, "--secret", SECRET]);
    const output = `${run.stdout}${run.stderr}`;
    for (const body of [`${pretty}\n`, pretty, COMPACT, `${COMPACT}\n`]) {
      for (const algorithm of ["sha256", "sha512"] as const) {
        const hex = (await sign(body, SECRET, algorithm)).split("=")[1] as string;
        expect(output).not.toContain(hex);
        expect(output).not.toContain(hex.slice(0, 16));
      }
    }
    expectNoDigest(run);
  });

  it.each([
    ["", "missing_signature"],
    ["sha256=abc", "malformed_signature"],
    [`md5=${"0".repeat(32)}`, "unsupported_algorithm"],
  ])("explains the header %j: %s", async (header, cause) => {
    const run = await hubsig(["diagnose", "--signature", header, "--secret", SECRET], {
      input: COMPACT,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^not verified: ${cause}: .*\\n1 probable cause:\\n  ${cause}: `),
    );
  });

  it("says when sha1 signed correctly but is not allowed", async () => {
    const sha1 = await sign(COMPACT, SECRET, "sha1");
    const run = await hubsig(["diagnose", "--signature", sha1, "--secret", SECRET], {
      input: COMPACT,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("  unsupported_algorithm: Correctly signed with sha1");
    const allowed = await hubsig(
      ["diagnose", "--signature", sha1, "--secret", SECRET, "--algorithms", "sha256,sha1"],
      { input: COMPACT },
    );
    expect(allowed.stdout).toBe("verified: sha1, secret 0 (current)\n");
  });

  it.each([
    [["--secret", SECRET], 'missing --signature "method=<hex>" (see "hubsig diagnose --help")'],
    [["--signature", "x"], "no secret"],
    [
      ["--signature", "x", "--secret", "k", "--algorithms", "md5"],
      '--algorithms: unknown method "md5"',
    ],
    [["--signature", "x", "--secret", "k", "--tamper"], "unknown option --tamper"],
    [["--signature", "x", "--secret", "k", "a.json", "b.json"], 'unexpected argument "b.json"'],
    [
      ["/nonexistent/body.json", "--signature", "x", "--secret", "k"],
      'cannot read file "/nonexistent/body.json"',
    ],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const run = await hubsig(["diagnose", ...args], { input: COMPACT });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hubsig: [^\n]+\n$/);
    expect(run.stderr).toContain(message);
  });

  it("--help lists the causes and the exit statuses", async () => {
    const run = await hubsig(["diagnose", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: hubsig diagnose [FILE|-]");
    expect(run.stdout).toContain("Exit status: 0 verified, 1 not verified");
  });
});
