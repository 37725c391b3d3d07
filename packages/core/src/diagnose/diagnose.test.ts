import { describe, expect, it } from "vitest";
import { fromHex, GITHUB_VECTOR, hex, JIRA_BODY } from "../../test/vectors.ts";
import { generateSecret } from "../verify/generate-secret.ts";
import { sign } from "../verify/sign.ts";
import type { Payload, Secret, VerifyOptions } from "../verify/types.ts";
import {
  DIAGNOSE_MAX_BODY_BYTES,
  DIAGNOSE_MAX_CANDIDATES,
  DIAGNOSE_MAX_SECRETS,
  type DiagnosisCause,
  diagnose,
} from "./index.ts";

const SECRET = "jira-webhook-secret";
const utf8 = new TextEncoder();
const EVENT = {
  webhookEvent: "jira:issue_updated",
  issue: { key: "ABC-1", summary: "Café 🎉 日本" },
};

async function causes(
  given: Payload,
  header: string | null | undefined,
  options: VerifyOptions = { secret: SECRET },
): Promise<DiagnosisCause[]> {
  const { result, findings } = await diagnose(given, header, options);
  expect(result.ok).toBe(false);
  for (const finding of findings) expect(finding.message).toMatch(/^[A-Z].*[.)]$/);
  return findings.map((finding) => finding.cause);
}

/** Signs `signed` with `key`, then diagnoses `given` against `options`. */
async function diagnoseSigned(
  signed: Payload,
  given: Payload,
  key: Secret = SECRET,
  options: VerifyOptions = { secret: SECRET },
): Promise<DiagnosisCause[]> {
  return causes(given, await sign(signed, key), options);
}

const escapeNonAscii = (json: string) =>
  json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("diagnose: a valid delivery", () => {
  it("returns the verify result and no findings", async () => {
    const { secret, body, header } = GITHUB_VECTOR;
    expect(await diagnose(body, header, { secret })).toEqual({
      result: { ok: true, algorithm: "sha256", secretIndex: 0 },
      findings: [],
    });
  });

  it("reports the matching secret of a rotation and still no findings", async () => {
    const header = await sign(JIRA_BODY, "old");
    const { result, findings } = await diagnose(JIRA_BODY, header, { secret: ["new", "old"] });
    expect(result).toEqual({ ok: true, algorithm: "sha256", secretIndex: 1 });
    expect(findings).toEqual([]);
  });

  it("throws TypeError on misuse, like createVerifier", async () => {
    await expect(diagnose("x", "sha256=00", { secret: "" })).rejects.toThrow(TypeError);
    await expect(diagnose("x", "sha256=00", { secret: [] })).rejects.toThrow(TypeError);
  });
});

describe("diagnose: body_reserialized", () => {
  const compact = JSON.stringify(EVENT);
  it.each([
    ["2-space indent", JSON.stringify(EVENT, null, 2), compact, "2-space indent"],
    ["4-space indent", JSON.stringify(EVENT, null, 4), compact, "4-space indent"],
    ["compact", compact, JSON.stringify(EVENT, null, 2), "compact"],
    ["escaped non-ASCII", escapeNonAscii(compact), compact, "compact, \\uXXXX"],
    [
      "escaped and indented",
      escapeNonAscii(JSON.stringify(EVENT, null, 4)),
      JSON.stringify(EVENT, null, 2),
      "4-space indent, \\uXXXX",
    ],
    ["an array", "[1,2,3]", "[1, 2, 3]", "compact"],
  ])("signed %s, hashed re-serialized", async (_, signed, given, form) => {
    const { findings } = await diagnose(given, await sign(signed, SECRET), { secret: SECRET });
    expect(findings.map((f) => f.cause)).toEqual(["body_reserialized"]);
    expect(findings[0]?.message).toContain(`(${form}`);
    expect(findings[0]?.message).toContain("raw body bytes");
  });

  it("leaves JSON scalars, invalid JSON and non-UTF-8 alone", async () => {
    expect(await diagnoseSigned('"caf\\u00e9"', '"café"')).toEqual([]);
    expect(await diagnoseSigned("{}", "{ not json")).toEqual([]);
    const latin1 = Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]); // {"é":1} in Latin-1
    expect(await diagnoseSigned('{"é":1}', latin1)).not.toContain("body_reserialized");
  });
});

describe("diagnose: trailing_newline", () => {
  it.each([
    ["a final LF removed", "body", "body\n", '"\\n" removed'],
    ["a final CRLF removed", '{"a":1}', '{"a":1}\r\n', '"\\r\\n" removed'],
    ["a final LF added", "body\n", "body", '"\\n" added'],
    ["a final CRLF added", "body\r\n", "body", '"\\r\\n" added'],
  ])("%s", async (_, signed, given, wording) => {
    const { findings } = await diagnose(given, await sign(signed, SECRET), { secret: SECRET });
    expect(findings.map((f) => f.cause)).toEqual(["trailing_newline"]);
    expect(findings[0]?.message).toContain(wording);
  });

  it("skips body transformations past DIAGNOSE_MAX_BODY_BYTES", async () => {
    const big = "x".repeat(DIAGNOSE_MAX_BODY_BYTES);
    expect(await diagnoseSigned(big, `${big}\n`)).toEqual([]);
    expect(await diagnoseSigned(big.slice(1), `${big.slice(1)}\n`)).toEqual(["trailing_newline"]);
  });
});

describe("diagnose: line_endings", () => {
  it.each([
    [
      "signed CRLF, hashed LF",
      "line 1\r\nline 2\r\nend",
      "line 1\nline 2\nend",
      "LF line endings as CRLF",
    ],
    [
      "signed LF, hashed CRLF",
      "line 1\nline 2\n",
      "line 1\r\nline 2\r\n",
      "CRLF line endings as LF",
    ],
    ["mixed endings", "a\r\nb\r\nc\r\n", "a\r\nb\nc\r\n", "LF line endings as CRLF"],
  ])("%s", async (_, signed, given, wording) => {
    const { findings } = await diagnose(given, await sign(signed, SECRET), { secret: SECRET });
    expect(findings.map((f) => f.cause)).toEqual(["line_endings"]);
    expect(findings[0]?.message).toContain(wording);
  });
});

describe("diagnose: lossy_decoding", () => {
  const cafe = utf8.encode("café"); // 63 61 66 c3 a9
  it("signed bytes read as Latin-1 and re-encoded as UTF-8", async () => {
    const mojibake = utf8.encode("cafÃ©");
    const { findings } = await diagnose(cafe, await sign(mojibake, SECRET), { secret: SECRET });
    expect(findings.map((f) => f.cause)).toEqual(["lossy_decoding"]);
    expect(findings[0]?.message).toContain("decoded as Latin-1");
  });

  it("the reverse: the hashed text is the Latin-1 mojibake of the signed bytes", async () => {
    expect(await diagnoseSigned(cafe, "cafÃ©")).toEqual(["lossy_decoding"]);
  });

  it("invalid UTF-8 replaced by U+FFFD", async () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);
    const { findings } = await diagnose(latin1, await sign("caf\uFFFD", SECRET), {
      secret: SECRET,
    });
    expect(findings.map((f) => f.cause)).toEqual(["lossy_decoding"]);
    expect(findings[0]?.message).toContain("U+FFFD");
  });

  it("a stray UTF-8 BOM is kept by the lossy decode", async () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xff]);
    expect(await diagnoseSigned("\uFEFFa\uFFFD", bom)).toEqual(["lossy_decoding"]);
  });
});

describe("diagnose: secret_whitespace", () => {
  it.each<[string, Secret]>([
    ["a trailing newline", "s3cret-from-a-file\n"],
    ["surrounding spaces", "  s3cret-from-a-file\t "],
    ["a Buffer read from a file", Buffer.from("s3cret-from-a-file\r\n")],
  ])("%s", async (_, configured) => {
    expect(
      await diagnoseSigned(JIRA_BODY, JIRA_BODY, "s3cret-from-a-file", { secret: configured }),
    ).toEqual(["secret_whitespace"]);
  });

  it("names the secret of a rotation list", async () => {
    const { findings } = await diagnose(JIRA_BODY, await sign(JIRA_BODY, "current"), {
      secret: ["other", "current\n"],
    });
    expect(findings.map((f) => f.cause)).toEqual(["secret_whitespace"]);
    expect(findings[0]?.message).toContain("secret 1");
  });

  it("looks at only the first DIAGNOSE_MAX_SECRETS secrets", async () => {
    const secrets = Array.from({ length: DIAGNOSE_MAX_SECRETS + 1 }, (_, i) => `secret-${i}`);
    const late = [...secrets.slice(0, -1), "late\n"];
    expect(await diagnoseSigned("x", "x", "late", { secret: late })).toEqual([]);
    const early = ["early\n", ...secrets];
    expect(await diagnoseSigned("x", "x", "early", { secret: early })).toEqual([
      "secret_whitespace",
    ]);
  });

  it("ignores a secret that is only whitespace", async () => {
    expect(await diagnoseSigned("x", "x", "other", { secret: " \n" })).toEqual([]);
  });
});

describe("diagnose: secret_encoding", () => {
  const key = fromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
  const base64 = Buffer.from(key).toString("base64");
  const base64url = Buffer.from(key).toString("base64url");

  it.each<[string, Secret, Secret, string]>([
    ["hex text meant as bytes", hex(key), key, 'Buffer.from(secret, "hex")'],
    ["base64 text meant as bytes", base64, key, 'Buffer.from(secret, "base64")'],
    ["a generated base64url secret meant as bytes", generateSecret(), "", "base64"],
    ["bytes meant as their hex text", key, hex(key), "its hex text"],
    ["bytes meant as their base64 text", key, base64, "its base64 text"],
    ["bytes meant as their base64url text", key, base64url, "its base64url text"],
    ["a Buffer of hex text meant as bytes", Buffer.from(hex(key)), key, "decoded from hex"],
  ])("%s", async (_, configured, signer, wording) => {
    const signingKey =
      signer === "" ? Buffer.from(configured as string, "base64url") : (signer as Secret);
    const { findings } = await diagnose(JIRA_BODY, await sign(JIRA_BODY, signingKey), {
      secret: configured,
    });
    expect(findings.map((f) => f.cause)).toEqual(["secret_encoding"]);
    expect(findings[0]?.message).toContain(wording);
  });

  it("tries no decoding of text that is not hex or base64", async () => {
    expect(await diagnoseSigned("x", "x", "other", { secret: "abc==" })).toEqual([]);
    expect(await diagnoseSigned("x", "x", "other", { secret: "not base64!" })).toEqual([]);
    expect(await diagnoseSigned("x", "x", "other", { secret: "abcde" })).toEqual([]);
    expect(await diagnoseSigned("x", "x", "other", { secret: "ab=c" })).toEqual([]);
  });
});

describe("diagnose: header findings", () => {
  const digest = "ab".repeat(32);
  it.each<[string, string | null | undefined, DiagnosisCause, string]>([
    ["an absent header", undefined, "missing_signature", "No signature header"],
    ["a null header", null, "missing_signature", "No signature header"],
    ["a blank header", "  \t", "missing_signature", "No signature header"],
    ["a quoted value", `"sha256=${digest}"`, "malformed_signature", "expected method=hex"],
    [
      "joined values",
      `sha256=${digest}, sha256=${digest}`,
      "malformed_signature",
      "joined by commas",
    ],
    ["bare sha256 hex", digest, "malformed_signature", 'prefix the hex with "sha256="'],
    ["bare sha1 hex", "ab".repeat(20), "malformed_signature", 'prefix the hex with "sha1="'],
    [
      "a sha256 digest labelled sha1",
      `sha1=${digest}`,
      "malformed_signature",
      "A sha256 digest labelled sha1",
    ],
    [
      "a base64 digest",
      `sha256=${Buffer.from(GITHUB_VECTOR.header.slice(7), "hex").toString("base64")}`,
      "malformed_signature",
      "64 hex digits",
    ],
    ["a non-hex digit", `sha256=${digest.slice(0, -1)}g`, "malformed_signature", "non-hex"],
    ["a truncated digest", `sha256=${digest.slice(0, 20)}`, "malformed_signature", "64 hex digits"],
    ["no method", "=abc", "malformed_signature", "expected method=hex"],
    ["an unknown method", `md5=${"ab".repeat(16)}`, "unsupported_algorithm", '"md5"'],
  ])("%s", async (_, header, cause, wording) => {
    const { result, findings } = await diagnose("body", header, { secret: SECRET });
    expect(result).toMatchObject({ ok: false, reason: cause });
    expect(findings.map((f) => f.cause)).toEqual([cause]);
    expect(findings[0]?.message).toContain(wording);
  });

  it("never echoes the header", async () => {
    const header = `sha256=${"Zq".repeat(22)}`;
    const { findings } = await diagnose("body", header, { secret: SECRET });
    expect(JSON.stringify(findings)).not.toContain("ZqZq");
  });
});

describe("diagnose: a method not in `algorithms`", () => {
  it("a correct sha1 signature says how to allow sha1", async () => {
    const header = await sign(JIRA_BODY, SECRET, "sha1");
    const { result, findings } = await diagnose(JIRA_BODY, header, { secret: SECRET });
    expect(result).toMatchObject({ ok: false, reason: "unsupported_algorithm" });
    expect(findings).toEqual([
      {
        cause: "unsupported_algorithm",
        message: expect.stringContaining('algorithms: ["sha256", "sha384", "sha512", "sha1"]'),
      },
    ]);
    expect(findings[0]?.message).toContain("Correctly signed");
  });

  it("a sha1 signature over a changed body gets both findings", async () => {
    const header = await sign(JIRA_BODY, SECRET, "sha1");
    const given = `${JIRA_BODY}\n`;
    expect(await causes(given, header, { secret: SECRET, algorithms: ["sha512"] })).toEqual([
      "unsupported_algorithm",
      "trailing_newline",
    ]);
  });

  it("a forged sha1 signature gets only the header finding", async () => {
    const { findings } = await diagnose(JIRA_BODY, `sha1=${"cd".repeat(20)}`, { secret: SECRET });
    expect(findings.map((f) => f.cause)).toEqual(["unsupported_algorithm"]);
    expect(findings[0]?.message).not.toContain("Correctly signed");
  });
});

describe("diagnose: rotation and payload forms", () => {
  it("says which secret matched a transformed body", async () => {
    const { findings } = await diagnose(`${JIRA_BODY}\n`, await sign(JIRA_BODY, "old"), {
      secret: ["new", "old"],
    });
    expect(findings.map((f) => f.cause)).toEqual(["trailing_newline"]);
    expect(findings[0]?.message).toContain("(with secret 1)");
  });

  it("reads a pooled Buffer view at its own offset", async () => {
    const pooled = Buffer.from(`${"z".repeat(50)}body\n`).subarray(50);
    expect(await diagnoseSigned("body", pooled)).toEqual(["trailing_newline"]);
  });

  it("a wrong secret and an intact body get no finding", async () => {
    expect(await diagnoseSigned(JIRA_BODY, JIRA_BODY, "wrong-secret")).toEqual([]);
  });

  it("stops after DIAGNOSE_MAX_CANDIDATES candidates", async () => {
    // 12 body candidates (CRLF and LF, non-ASCII JSON, no final newline), then 5 per byte secret.
    const given = '{"a": "é",\r\n"b": 1,\n"c": 2}';
    const secrets = ["0a0b0c0d", "1a1b1c1d", "2a2b2c2d", "3a3b3c3d"].map((text) =>
      Buffer.from(text),
    );
    const lastKey = fromHex("3a3b3c3d");
    expect(await diagnoseSigned(given, given, lastKey, { secret: secrets })).toEqual([]);
    expect(await diagnoseSigned(given, given, lastKey, { secret: secrets.slice(2) })).toEqual([
      "secret_encoding",
    ]);
    expect(DIAGNOSE_MAX_CANDIDATES).toBe(24);
  });
});
