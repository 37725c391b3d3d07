import { describe, expect, it } from "vitest";
import { fromHex, GITHUB_VECTOR, JIRA_BODY, RFC4231_CASES } from "../../test/vectors.ts";
import { createVerifier } from "./create-verifier.ts";
import { sign } from "./sign.ts";
import type { Algorithm } from "./types.ts";
import { verify } from "./verify.ts";

const RFC_ALGORITHMS = ["sha256", "sha384", "sha512"] as const;

describe("known answers", () => {
  it("GitHub's published vector signs and verifies", async () => {
    const { secret, body, header } = GITHUB_VECTOR;
    expect(await sign(body, secret)).toBe(header);
    expect(await verify(body, header, { secret })).toEqual({
      ok: true,
      algorithm: "sha256",
      secretIndex: 0,
    });
  });

  describe.each(RFC4231_CASES)("RFC 4231 $name", (vector) => {
    it.each(RFC_ALGORITHMS)("%s through sign and verify", async (algorithm) => {
      const key = fromHex(vector.keyHex);
      const data = fromHex(vector.dataHex);
      const header = `${algorithm}=${vector[algorithm]}`;
      expect(await sign(data, key, algorithm)).toBe(header);
      const result = await verify(data, header, { secret: key });
      expect(result).toEqual({ ok: true, algorithm, secretIndex: 0 });
    });
  });
});

describe("createVerifier", () => {
  it("marks the engine it bound, out of sight of keys, for...in and JSON", () => {
    const verifier = createVerifier({ secret: "s" });
    const marker = Symbol.for("hubsig.engine");
    const web = process.env.HUBSIG_ENGINE === "web";
    expect((verifier as unknown as Record<symbol, unknown>)[marker]).toBe(
      web ? "WebCrypto" : "node:crypto",
    );
    expect(Object.keys(verifier)).toEqual(["verify"]);
    const names: string[] = [];
    for (const name in verifier) names.push(name);
    expect(names).toEqual(["verify"]);
    expect(JSON.stringify(verifier)).toBe("{}");
  });

  it("verifies a Jira-shaped body with emoji and CJK as UTF-8 bytes", async () => {
    const verifier = createVerifier({ secret: "jira-secret" });
    const header = await sign(JIRA_BODY, "jira-secret");
    const bytes = new TextEncoder().encode(JIRA_BODY);
    expect(await verifier.verify(bytes, header)).toMatchObject({ ok: true });
    expect(await verifier.verify(JIRA_BODY, header)).toMatchObject({ ok: true });
    // Latin-1 bytes of the same text are different bytes: they must not verify.
    const latin1 = Uint8Array.from(JIRA_BODY, (char) => char.charCodeAt(0) & 0xff);
    expect(await verifier.verify(latin1, header)).toMatchObject({ reason: "signature_mismatch" });
  });

  it("reports which secret matched while rotating", async () => {
    const verifier = createVerifier({ secret: ["new-secret", "old-secret", "oldest"] });
    for (const [index, secret] of ["new-secret", "old-secret", "oldest"].entries()) {
      const result = await verifier.verify("body", await sign("body", secret));
      expect(result).toEqual({ ok: true, algorithm: "sha256", secretIndex: index });
    }
    expect(await verifier.verify("body", await sign("body", "unknown"))).toMatchObject({
      ok: false,
      reason: "signature_mismatch",
    });
  });

  it("accepts sha384 and sha512 by default and sha1 only when listed", async () => {
    const verifier = createVerifier({ secret: "s" });
    for (const algorithm of ["sha384", "sha512"] as const) {
      expect(await verifier.verify("b", await sign("b", "s", algorithm))).toMatchObject({
        ok: true,
        algorithm,
      });
    }
    const sha1 = await sign("b", "s", "sha1");
    expect(await verifier.verify("b", sha1)).toMatchObject({
      ok: false,
      reason: "unsupported_algorithm",
    });
    const withSha1 = createVerifier({ secret: "s", algorithms: ["sha1"] });
    expect(await withSha1.verify("b", sha1)).toMatchObject({ ok: true, algorithm: "sha1" });
    expect(await withSha1.verify("b", await sign("b", "s"))).toMatchObject({
      reason: "unsupported_algorithm",
    });
  });

  it("maps header failures to their reasons", async () => {
    const verifier = createVerifier({ secret: "s" });
    expect(await verifier.verify("b", undefined)).toMatchObject({ reason: "missing_signature" });
    expect(await verifier.verify("b", null)).toMatchObject({ reason: "missing_signature" });
    expect(await verifier.verify("b", "sha256=xyz")).toMatchObject({
      reason: "malformed_signature",
    });
    expect(await verifier.verify("b", `md5=${"0".repeat(32)}`)).toMatchObject({
      reason: "unsupported_algorithm",
    });
  });

  it("accepts uppercase hex and method", async () => {
    const header = (await sign("b", "s")).toUpperCase();
    expect(await createVerifier({ secret: "s" }).verify("b", header)).toMatchObject({ ok: true });
  });

  it("never puts the secret or the expected digest in a message", async () => {
    const secret = "super-secret-value";
    const good = await sign("body", secret);
    const result = await verify("body!", good, { secret });
    const expected = await sign("body!", secret);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).not.toContain(secret);
      expect(result.message).not.toContain(expected.slice(7, 20));
      expect(result.message).not.toContain(good.slice(7, 20));
    }
  });
});

describe("payload views honour byteOffset and byteLength", () => {
  const secret = "pool";
  const body = "the body of a delivery";

  it("a Buffer from Node's shared pool", async () => {
    const pooled = Buffer.from(body);
    expect(pooled.byteOffset > 0 || pooled.buffer.byteLength > pooled.byteLength).toBe(true);
    expect(await verify(pooled, await sign(body, secret), { secret })).toMatchObject({ ok: true });
  });

  it("a subarray and a DataView over a larger buffer", async () => {
    const bytes = new TextEncoder().encode(`xxxx${body}yyyy`);
    const sub = bytes.subarray(4, 4 + body.length);
    const header = await sign(body, secret);
    expect(await verify(sub, header, { secret })).toMatchObject({ ok: true });
    const view = new DataView(bytes.buffer, 4, body.length);
    expect(await verify(view, header, { secret })).toMatchObject({ ok: true });
    // The whole underlying buffer is a different payload.
    expect(await verify(bytes.buffer, header, { secret })).toMatchObject({
      reason: "signature_mismatch",
    });
  });

  it("an ArrayBuffer and a Uint16Array view", async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const header = await sign(bytes, secret);
    expect(await verify(bytes.buffer, header, { secret })).toMatchObject({ ok: true });
    expect(await verify(new Uint16Array(bytes.buffer), header, { secret })).toMatchObject({
      ok: true,
    });
  });

  it("a secret given as a pooled Buffer view", async () => {
    const key = Buffer.from("pooled-secret");
    const header = await sign(body, "pooled-secret");
    expect(await verify(body, header, { secret: key })).toMatchObject({ ok: true });
  });

  it("digests compared in the right window: a pooled forged digest does not pass", async () => {
    // The parser copies the digest into its own array, so a header that only matches when read
    // at another offset of a shared buffer cannot verify.
    const header = await sign(body, secret);
    const forged = `sha256=${"00".repeat(32)}`;
    expect(await verify(body, forged, { secret })).toMatchObject({ reason: "signature_mismatch" });
    expect(await verify(body, header, { secret })).toMatchObject({ ok: true });
  });

  it("the caller mutating its secret later does not change the key", async () => {
    const key = new TextEncoder().encode("mutable");
    const verifier = createVerifier({ secret: key });
    const header = await sign(body, "mutable");
    key.fill(0);
    expect(await verifier.verify(body, header)).toMatchObject({ ok: true });
  });
});

describe("misuse throws TypeError when the verifier is created", () => {
  const cases: Array<[string, unknown]> = [
    ["no options", undefined],
    ["no secret", {}],
    ["empty string secret", { secret: "" }],
    ["empty byte secret", { secret: new Uint8Array(0) }],
    ["empty secret list", { secret: [] }],
    ["empty secret in list", { secret: ["ok", ""] }],
    ["number secret", { secret: 42 }],
    ["unknown algorithm", { secret: "s", algorithms: ["md5"] }],
    ["uppercase algorithm name", { secret: "s", algorithms: ["SHA256"] }],
    ["empty algorithms", { secret: "s", algorithms: [] }],
    ["algorithms not a list", { secret: "s", algorithms: "sha256" }],
  ];
  it.each(cases)("%s", (_label, options) => {
    expect(() => createVerifier(options as never)).toThrow(TypeError);
  });

  it("sign refuses an unknown algorithm, an empty secret and a bad payload", async () => {
    await expect(sign("b", "s", "md5" as Algorithm)).rejects.toThrow(TypeError);
    await expect(sign("b", "")).rejects.toThrow(TypeError);
    await expect(sign("b", 1 as never)).rejects.toThrow(TypeError);
    await expect(sign(42 as never, "s")).rejects.toThrow(TypeError);
  });

  it("verify rejects a payload that is not bytes or text", async () => {
    const header = await sign("b", "s");
    await expect(verify({} as never, header, { secret: "s" })).rejects.toThrow(TypeError);
  });
});
