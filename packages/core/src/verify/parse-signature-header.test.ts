import { describe, expect, it } from "vitest";
import { parseSignatureHeader } from "./parse-signature-header.ts";

const H64 = "ab".repeat(32);

describe("parseSignatureHeader hostile inputs", () => {
  const table: Array<[label: string, header: string, reason: string]> = [
    ["empty", "", "missing_signature"],
    ["blank", "   \t ", "missing_signature"],
    ["method only", "sha256", "malformed_signature"],
    ["no digest", "sha256=", "malformed_signature"],
    ["no method", `=${H64}`, "malformed_signature"],
    ["odd hex", `sha256=${H64.slice(1)}`, "malformed_signature"],
    ["short hex", `sha256=${H64.slice(2)}`, "malformed_signature"],
    ["long hex", `sha256=${H64}00`, "malformed_signature"],
    ["sha512 length under sha256", `sha256=${"ab".repeat(64)}`, "malformed_signature"],
    ["sha256 length under sha1", `sha1=${H64}`, "malformed_signature"],
    ["non-hex g", `sha256=${H64.slice(0, 62)}gg`, "malformed_signature"],
    ["non-hex space inside", `sha256=${H64.slice(0, 31)} ${H64.slice(32)}`, "malformed_signature"],
    ["0x prefix", `sha256=0x${H64.slice(2)}`, "malformed_signature"],
    ["plus sign", `sha256=+${H64.slice(1)}`, "malformed_signature"],
    ["unicode digit", `sha256=${H64.slice(0, 63)}١`, "malformed_signature"],
    ["two signatures", `sha256=${H64}, sha256=${H64}`, "malformed_signature"],
    ["md5", `md5=${"ab".repeat(16)}`, "unsupported_algorithm"],
    ["sha3-256", `sha3-256=${H64}`, "unsupported_algorithm"],
    ["space in method", `sha 256=${H64}`, "malformed_signature"],
    ["method too long", `${"a".repeat(40)}=${H64}`, "malformed_signature"],
    ["1 MB of hex", `sha256=${"a".repeat(1_000_000)}`, "malformed_signature"],
    ["1 MB without =", "x".repeat(1_000_000), "malformed_signature"],
    ["1 MB of =", "=".repeat(1_000_000), "malformed_signature"],
  ];

  it.each(table)("%s -> %s", (_label, header, reason) => {
    const parsed = parseSignatureHeader(header);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toBe(reason);
      expect(parsed.message.length).toBeGreaterThan(10);
      expect(parsed.message.length).toBeLessThan(200);
    }
  });

  it("accepts uppercase method and hex, and surrounding whitespace", () => {
    const parsed = parseSignatureHeader(`  SHA256=${H64.toUpperCase()}\r\n`);
    expect(parsed).toEqual({
      ok: true,
      algorithm: "sha256",
      digest: new Uint8Array(32).fill(0xab),
    });
  });

  it.each([
    ["sha1", 20],
    ["sha256", 32],
    ["sha384", 48],
    ["sha512", 64],
  ] as const)("parses %s with a %i byte digest", (algorithm, length) => {
    const digestHex = Array.from({ length }, (_, i) => i.toString(16).padStart(2, "0")).join("");
    const parsed = parseSignatureHeader(`${algorithm}=${digestHex}`);
    expect(parsed.ok && parsed.algorithm).toBe(algorithm);
    expect(parsed.ok && Array.from(parsed.digest)).toEqual(Array.from({ length }, (_, i) => i));
  });

  it("never echoes more than the method name from the header", () => {
    const parsed = parseSignatureHeader(`sha256=${"z".repeat(64)}`);
    expect(!parsed.ok && parsed.message).not.toContain("zz");
  });

  it("treats a non-string as missing instead of throwing", () => {
    expect(parseSignatureHeader(undefined as unknown as string)).toMatchObject({
      ok: false,
      reason: "missing_signature",
    });
  });
});
