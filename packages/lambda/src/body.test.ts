import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventBody } from "./body.js";

const MAX = 1000;
const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64");
const bytesOf = (result: ReturnType<typeof eventBody>) => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.body;
};

describe("eventBody", () => {
  it.each([
    ["null (REST APIs)", { body: null, isBase64Encoded: false }],
    ["missing (payload 2.0)", { isBase64Encoded: false }],
    ['"" (ALB)', { body: "", isBase64Encoded: false }],
    ['"" marked base64', { body: "", isBase64Encoded: true }],
  ])('reads a body that is %s as zero bytes (Jira "Exclude body")', (_, event) => {
    expect(bytesOf(eventBody(event, MAX))).toEqual(new Uint8Array(0));
  });

  it("takes a plain body as the UTF-8 bytes of its text", () => {
    const text = '{"summary":"Zoë 東京 🚀"}';
    expect(bytesOf(eventBody({ body: text, isBase64Encoded: false }, MAX))).toEqual(
      new TextEncoder().encode(text),
    );
  });

  it("decodes a base64 body to its bytes, not to the bytes of its text", () => {
    const bytes = Uint8Array.from([0, 0xff, 0xfe, 0x80, 0x7f, 0x0a, 0xc3, 0x28]); // not UTF-8
    expect(bytesOf(eventBody({ body: base64(bytes), isBase64Encoded: true }, MAX))).toEqual(bytes);
  });

  it("takes only the boolean true as base64", () => {
    for (const flag of ["true", 1, "yes", undefined, null, false]) {
      expect(bytesOf(eventBody({ body: "Zm9v", isBase64Encoded: flag }, MAX))).toEqual(
        new TextEncoder().encode("Zm9v"),
      );
    }
  });

  it.each([
    ["a character outside the alphabet", "eyJhIjox!Q=="],
    ["base64url", "eyJ-IjoxfQ__"],
    ["missing padding", "eyJhIjoxfQ"],
    ["a line break, as MIME writes", "eyJhIjox\nfQ=="],
    ["nonzero bits after the last byte", "eyJhIjoxfR=="],
  ])("refuses a base64 body with %s, rather than decode what Node would make of it", (_, body) => {
    const result = eventBody({ body, isBase64Encoded: true }, MAX);
    expect(result).toMatchObject({ ok: false, status: 500, reason: "body_unavailable" });
    expect(result.ok === false && result.message).toMatch(/base64/);
  });

  it.each([
    ["an object (a JSON body parser ran first)", { webhookEvent: "jira:issue_created" }],
    ["a number", 42],
    ["a Buffer", Buffer.from("{}")],
  ])("refuses a body that is %s with 500 body_unavailable naming the fix", (_, body) => {
    const result = eventBody({ body, isBase64Encoded: false }, MAX);
    expect(result).toMatchObject({ ok: false, status: 500, reason: "body_unavailable" });
    expect(result.ok === false && result.message).toMatch(/before any body parser/);
  });

  describe("maxBytes", () => {
    it("accepts a base64 body of exactly the limit, refuses one byte more", () => {
      const at = new Uint8Array(MAX).fill(7);
      const over = new Uint8Array(MAX + 1).fill(7);
      expect(bytesOf(eventBody({ body: base64(at), isBase64Encoded: true }, MAX))).toEqual(at);
      expect(eventBody({ body: base64(over), isBase64Encoded: true }, MAX)).toMatchObject({
        ok: false,
        status: 413,
        reason: "body_too_large",
      });
    });

    it("refuses an oversize base64 body by its length, before looking at its characters", () => {
      const junk = "!".repeat(4 * 1024 * 1024);
      expect(eventBody({ body: junk, isBase64Encoded: true }, MAX)).toMatchObject({ status: 413 });
    });

    it("counts UTF-8 bytes, not characters, for a plain body", () => {
      const at = "é".repeat(MAX / 2); // 2 bytes each
      const over = `${at}é`; // 501 characters, 1002 bytes
      expect(bytesOf(eventBody({ body: at, isBase64Encoded: false }, MAX)).byteLength).toBe(MAX);
      expect(eventBody({ body: over, isBase64Encoded: false }, MAX)).toMatchObject({
        status: 413,
      });
      expect(eventBody({ body: "x".repeat(MAX + 1), isBase64Encoded: false }, MAX)).toMatchObject({
        status: 413,
      });
    });

    it("with a limit of 0 takes only the empty body", () => {
      expect(bytesOf(eventBody({ body: null }, 0)).byteLength).toBe(0);
      expect(eventBody({ body: "x" }, 0)).toMatchObject({ status: 413 });
      expect(eventBody({ body: "eA==", isBase64Encoded: true }, 0)).toMatchObject({ status: 413 });
    });

    it("agrees with the byte count of the decoded or encoded body for any input", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes, encoded: true })),
            fc
              .string({ unit: "grapheme", maxLength: 32 })
              .map((text) => ({ bytes: new TextEncoder().encode(text), text, encoded: false })),
          ),
          fc.nat({ max: 130 }),
          (input, limit) => {
            const body = input.encoded ? base64(input.bytes) : (input as { text: string }).text;
            const result = eventBody({ body, isBase64Encoded: input.encoded }, limit);
            if (input.bytes.byteLength > limit) expect(result).toMatchObject({ status: 413 });
            else expect(bytesOf(result)).toEqual(input.bytes);
          },
        ),
      );
    });
  });
});
