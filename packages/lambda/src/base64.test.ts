import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Strict, decodedLength } from "./base64.js";

const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);

describe("decodeBase64Strict", () => {
  // RFC 4648, section 10.
  it.each([
    ["", ""],
    ["Zg==", "f"],
    ["Zm8=", "fo"],
    ["Zm9v", "foo"],
    ["Zm9vYg==", "foob"],
    ["Zm9vYmE=", "fooba"],
    ["Zm9vYmFy", "foobar"],
  ])("decodes the RFC 4648 vector %j", (encoded, decoded) => {
    expect(text(decodeBase64Strict(encoded))).toBe(decoded);
    expect(decodedLength(encoded)).toBe(decoded.length);
  });

  it("decodes every byte value, including those that are not UTF-8", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64Strict(Buffer.from(all).toString("base64"))).toEqual(all);
  });

  it.each([
    ["a character outside the alphabet", "Zm9v!A=="],
    ["base64url's '-'", "Zm9-"],
    ["base64url's '_'", "Zm9_"],
    ["no padding", "Zg"],
    ["half the padding", "Zg="],
    ["too much padding", "Zg==="],
    ["padding in the middle", "Zg==Zm9v"],
    ["a lone '='", "="],
    ["three '='", "Z==="],
    ["a line break", "Zm9v\nYmFy"],
    ["a trailing line break", "Zm9vYmFy\n"],
    ["a space", "Zm9v YmFy"],
    ["a leading space", " Zm9v"],
    ["nonzero bits after the last byte (one '=')", "Zm9="],
    ["nonzero bits after the last byte (two '=')", "Zh=="],
    ["a NUL", "Zm9v\u0000AAA"],
    ["a non-ASCII letter", "Zm9vé==="],
    ["a length that is not a multiple of 4", "Zm9vY"],
  ])("refuses %s", (_, encoded) => {
    expect(decodeBase64Strict(encoded)).toBeUndefined();
  });

  it("round-trips any bytes through Node's encoder, and decodes to a buffer of its own", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10_000 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString("base64");
        const decoded = decodeBase64Strict(encoded);
        expect(decoded).toEqual(bytes);
        expect(decodedLength(encoded)).toBe(bytes.byteLength);
        expect(decoded?.buffer.byteLength).toBe(bytes.byteLength);
        expect(decoded?.byteOffset).toBe(0);
      }),
    );
  });

  it("accepts exactly the canonical padded strings over the alphabet, by an independent rule", () => {
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    // RFC 4648 section 3.5: the bits after the last byte are zero.
    const canonical = (candidate: string) => {
      if (!SHAPE.test(candidate)) return false;
      const value = (at: number) => ALPHABET.indexOf(candidate.charAt(candidate.length - at));
      if (candidate.endsWith("==")) return (value(3) & 0x0f) === 0;
      if (candidate.endsWith("=")) return (value(2) & 0x03) === 0;
      return true;
    };
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."ABCDQRSTwxyz0189+/="), maxLength: 16 }),
        (candidate) => {
          const decoded = decodeBase64Strict(candidate);
          if (canonical(candidate)) {
            expect(decoded).toEqual(new Uint8Array(Buffer.from(candidate, "base64")));
          } else {
            expect(decoded).toBeUndefined();
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("refuses the encoding of some bytes with one character changed to a non-alphabet one", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.constantFrom("!", "-", "_", ".", " ", "\n", "\t", "*", "é"),
        (bytes, at, junk) => {
          const encoded = Buffer.from(bytes).toString("base64");
          const index = at % encoded.length;
          const damaged = encoded.slice(0, index) + junk + encoded.slice(index + 1);
          expect(decodeBase64Strict(damaged)).toBeUndefined();
        },
      ),
    );
  });
});
