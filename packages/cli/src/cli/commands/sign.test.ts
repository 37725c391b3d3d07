import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sign } from "@hubsig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubsig } from "../../../test/hubsig.js";

const GITHUB_SECRET = "It's a Secret to Everybody";
const GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
const BODY = '{"webhookEvent":"jira:issue_created","summary":"Café ☕ 日本"}';
let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hubsig-sign-"));
  await writeFile(path("body.json"), BODY);
  await writeFile(path("body-newline.json"), `${BODY}\n`);
  await writeFile(path("binary.bin"), Uint8Array.of(0xff, 0xfe, 0x00, 0x80, 0x0a));
  await writeFile(path("secret.txt"), "s3cret\n");
  await writeFile(path("secret-crlf.txt"), "s3cret\r\n");
  await writeFile(path("secret-bare.txt"), "s3cret");
  await writeFile(path("secret-two-newlines.txt"), "s3cret\n\n");
  await writeFile(path("secret-spaces.txt"), " s3cret \n");
  await writeFile(path("secret-empty.txt"), "\n");
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("hubsig sign", () => {
  it("gives GitHub's published answer for stdin", async () => {
    const run = await hubsig(["sign", "--secret", GITHUB_SECRET], { input: "Hello, World!" });
    expect(run).toEqual({ code: 0, stdout: `${GITHUB_SIGNATURE}\n`, stderr: "" });
  });

  it('reads stdin for "-"', async () => {
    const run = await hubsig(["sign", "-", "--secret", GITHUB_SECRET], { input: "Hello, World!" });
    expect(run.stdout).toBe(`${GITHUB_SIGNATURE}\n`);
  });

  it("signs a file's exact bytes: a trailing newline changes the signature", async () => {
    const [bare, newline] = await Promise.all([
      hubsig(["sign", path("body.json"), "--secret", "s3cret"]),
      hubsig(["sign", path("body-newline.json"), "--secret", "s3cret"]),
    ]);
    expect(bare.stdout).toBe(`${await sign(BODY, "s3cret")}\n`);
    expect(newline.stdout).toBe(`${await sign(`${BODY}\n`, "s3cret")}\n`);
    expect(bare.stdout).not.toBe(newline.stdout);
  });

  it("signs bytes that are not UTF-8 as they are", async () => {
    const run = await hubsig(["sign", path("binary.bin"), "--secret", "s3cret"]);
    expect(run.stdout).toBe(
      `${await sign(Uint8Array.of(0xff, 0xfe, 0x00, 0x80, 0x0a), "s3cret")}\n`,
    );
  });

  it("signs stdin bytes exactly, trailing newline included", async () => {
    const run = await hubsig(["sign", "--secret", "s3cret"], { input: `${BODY}\n` });
    expect(run.stdout).toBe(`${await sign(`${BODY}\n`, "s3cret")}\n`);
  });

  it.each(["sha1", "sha256", "sha384", "sha512"] as const)("--algorithm %s", async (algorithm) => {
    const run = await hubsig([
      "sign",
      path("body.json"),
      "--secret",
      "s3cret",
      "--algorithm",
      algorithm.toUpperCase(),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${await sign(BODY, "s3cret", algorithm)}\n`);
  });

  it.each([
    ["secret.txt", "s3cret"],
    ["secret-crlf.txt", "s3cret"],
    ["secret-bare.txt", "s3cret"],
    ["secret-two-newlines.txt", "s3cret\n"],
    ["secret-spaces.txt", " s3cret "],
  ])("--secret-file %s strips one trailing newline only", async (file, secret) => {
    const run = await hubsig(["sign", path("body.json"), "--secret-file", path(file)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${await sign(BODY, secret)}\n`);
  });

  it("takes the secret from HUBSIG_SECRET, and --secret over it", async () => {
    const env = { HUBSIG_SECRET: "from-env" };
    const fromEnv = await hubsig(["sign", path("body.json")], { env });
    expect(fromEnv.stdout).toBe(`${await sign(BODY, "from-env")}\n`);
    const fromOption = await hubsig(["sign", path("body.json"), "--secret", "s3cret"], { env });
    expect(fromOption.stdout).toBe(`${await sign(BODY, "s3cret")}\n`);
  });

  it.each([
    [[], "no secret: pass --secret S, --secret-file PATH or set HUBSIG_SECRET"],
    [["--secret="], "--secret is empty"],
    [["--secret", "a", "--secret", "b"], "signs with one secret; 2 were given"],
    [["--secret", "a", "--secret-file", "SECRET_TXT"], "signs with one secret; 2 were given"],
    [["--secret-file", "MISSING"], 'cannot read secret file "MISSING": no such file'],
    [["--secret-file", "DIR"], "cannot read secret file"],
    [["--secret-file", "EMPTY"], "is empty"],
    [["--secret", "a", "--algorithm", "md5"], '--algorithm: unknown method "md5"'],
    [["--secret", "a", "--nope"], "unknown option --nope"],
    [["--secret"], "option --secret needs a value"],
    [["--secret", "--algorithm"], "option --secret needs a value"],
    [["--secret", "a", "--algorithm"], "option --algorithm needs a value"],
    [["--secret", "a", "FILE", "FILE"], "unexpected argument"],
  ])("%j is a usage error", async (args, message) => {
    const real = args.map((arg) =>
      arg === "SECRET_TXT"
        ? path("secret.txt")
        : arg === "MISSING"
          ? path("missing.txt")
          : arg === "DIR"
            ? dir
            : arg === "EMPTY"
              ? path("secret-empty.txt")
              : arg === "FILE"
                ? path("body.json")
                : arg,
    );
    const run = await hubsig(["sign", path("body.json"), ...real]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hubsig: [^\n]+\n$/);
    expect(run.stderr).toContain(message.replace("MISSING", path("missing.txt")));
  });

  it.each([
    ["missing.json", "no such file"],
    ["", "it is a directory"],
  ])("an unreadable input %j is a one-line error", async (name, reason) => {
    const run = await hubsig(["sign", path(name), "--secret", "s3cret"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hubsig: cannot read file "${path(name)}": ${reason}\n`);
  });

  it("--help describes the command and the secret file rule", async () => {
    const run = await hubsig(["sign", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: hubsig sign [FILE|-]");
    expect(run.stdout).toContain("one trailing newline");
    expect(run.stdout).toContain("HUBSIG_SECRET");
  });
});
