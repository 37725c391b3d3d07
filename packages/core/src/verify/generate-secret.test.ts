import { describe, expect, it } from "vitest";
import { generateSecret } from "./generate-secret.ts";

describe("generateSecret", () => {
  it("returns 32 random bytes as unpadded base64url by default", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
  });

  it("honours bytes", () => {
    expect(Buffer.from(generateSecret({ bytes: 16 }), "base64url")).toHaveLength(16);
    expect(Buffer.from(generateSecret({ bytes: 1024 }), "base64url")).toHaveLength(1024);
  });

  it("does not repeat itself", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecret()));
    expect(seen.size).toBe(1000);
  });

  it.each([0, 15, 1025, 1.5, Number.NaN, "32"])("refuses bytes = %s", (bytes) => {
    expect(() => generateSecret({ bytes: bytes as number })).toThrow(TypeError);
  });
});
