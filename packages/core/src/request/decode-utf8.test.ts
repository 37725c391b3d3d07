import * as nodeBuffer from "node:buffer";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { decodeUtf8, UTF8_DECODER } from "./decode-utf8.ts";

// This file runs in both vitest projects: the node project tests the node:buffer decoder, the
// web project its TextDecoder twin. Both must give TextDecoder's answers.
const strict = new TextDecoder("utf-8", { fatal: true });
const textDecoderUtf8 = (bytes: Uint8Array) => strict.decode(bytes);
const utf8 = new TextEncoder();
const bytes = (...values: number[]) => Uint8Array.from(values);

// The same answer as TextDecoder, or a TypeError where it throws one.
function outcome(decode: (bytes: Uint8Array) => string, input: Uint8Array) {
  try {
    return { text: decode(input) };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

describe(`strict UTF-8 decoding (${UTF8_DECODER})`, () => {
  it("is the decoder of this build", () => {
    const web = process.env.HUBSIG_ENGINE === "web";
    expect(UTF8_DECODER).toBe(web ? "TextDecoder" : "node:buffer");
  });

  it.each([
    ["empty", bytes(), ""],
    [
      "ASCII JSON",
      utf8.encode('{"webhookEvent":"jira:issue_updated"}'),
      '{"webhookEvent":"jira:issue_updated"}',
    ],
    ["two-byte (ż)", bytes(0xc5, 0xbc), "ż"],
    ["three-byte (日)", bytes(0xe6, 0x97, 0xa5), "日"],
    ["four-byte, a surrogate pair (🐢)", bytes(0xf0, 0x9f, 0x90, 0xa2), "🐢"],
    ["a leading BOM is dropped", bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d), "{}"],
    ["a BOM alone", bytes(0xef, 0xbb, 0xbf), ""],
    ["a second BOM is kept", bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf), "\uFEFF"],
    ["a BOM inside is kept", bytes(0x61, 0xef, 0xbb, 0xbf), "a\uFEFF"],
    ["NUL and DEL", bytes(0x00, 0x7f), "\u0000\u007f"],
    ["U+10FFFF, the last code point", bytes(0xf4, 0x8f, 0xbf, 0xbf), "\u{10FFFF}"],
    ["U+FFFE first, not a BOM", bytes(0xef, 0xbf, 0xbe, 0x61), "\uFFFEa"],
    ["U+F000 first, 0xEF but not a BOM", bytes(0xef, 0x80, 0x80, 0xc3, 0xa9), "\uF000é"],
    ["U+FEFF after ASCII is text", bytes(0x7b, 0xef, 0xbb, 0xbf, 0x7d), "{\uFEFF}"],
  ])("%s", (_, input, expected) => {
    expect(decodeUtf8(input)).toBe(expected);
    expect(decodeUtf8(input)).toBe(textDecoderUtf8(input));
  });

  it.each([
    ["a lone continuation byte", bytes(0x80)],
    ["0xFF", bytes(0x7b, 0xff, 0x7d)],
    ["a truncated sequence", bytes(0xe6, 0x97)],
    ["an overlong NUL", bytes(0xc0, 0x80)],
    ["an overlong slash", bytes(0xe0, 0x80, 0xaf)],
    ["an encoded surrogate", bytes(0xed, 0xa0, 0x80)],
    ["above U+10FFFF", bytes(0xf4, 0x90, 0x80, 0x80)],
    ["Latin-1 é where UTF-8 was promised", bytes(0x63, 0x61, 0x66, 0xe9)],
  ])("throws TypeError for %s", (_, input) => {
    expect(() => decodeUtf8(input)).toThrow(TypeError);
  });

  it("reads a view at its own offset and length, not the whole buffer", () => {
    const pooled = nodeBuffer.Buffer.from('xx{"key":"ŻÓŁW-128"}yy');
    const view = pooled.subarray(2, pooled.length - 2);
    expect(decodeUtf8(view)).toBe('{"key":"ŻÓŁW-128"}');
    const plain = new Uint8Array(view).subarray(1, 6);
    expect(decodeUtf8(plain)).toBe('"key"');
  });

  it("reads views over a SharedArrayBuffer, and a bare ArrayBuffer from untyped callers", () => {
    const text = '{"summary":"Łódź 日本 🐢"}';
    const encoded = utf8.encode(text);
    const shared = new Uint8Array(new SharedArrayBuffer(encoded.length + 4));
    shared.set(encoded, 2);
    expect(decodeUtf8(shared.subarray(2, 2 + encoded.length))).toBe(text);
    const bare = encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.length);
    expect(decodeUtf8(bare as unknown as Uint8Array)).toBe(text);
  });

  it("agrees with TextDecoder on valid text with a byte changed, inserted or cut off", () => {
    // Mostly valid, long enough for the SIMD paths: malformed input near valid input is where
    // a fast decoder would go wrong.
    const damaged = fc
      .tuple(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 400 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom("none", "replace", "insert", "truncate"),
      )
      .map(([text, at, byte, how]) => {
        const input = [...utf8.encode(text)];
        const index = at % input.length;
        if (how === "replace") input[index] = byte;
        if (how === "insert") input.splice(index, 0, byte);
        if (how === "truncate") input.length = index;
        return Uint8Array.from(input);
      });
    fc.assert(
      fc.property(damaged, (input) => {
        expect(outcome(decodeUtf8, input)).toEqual(outcome(textDecoderUtf8, input));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with TextDecoder on arbitrary bytes, valid or not", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        expect(outcome(decodeUtf8, input)).toEqual(outcome(textDecoderUtf8, input));
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips any Unicode text, with or without a BOM in front", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.boolean(), (text, bom) => {
        const encoded = utf8.encode(text);
        const input = bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...encoded]) : encoded;
        expect(decodeUtf8(input)).toBe(text.startsWith("\uFEFF") && !bom ? text.slice(1) : text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("Deno, whose transcode is slower than its TextDecoder", () => {
  it("decodes text outside ASCII with TextDecoder, never with transcode", async () => {
    vi.resetModules();
    vi.stubGlobal("Deno", {});
    const transcode = vi.fn(nodeBuffer.transcode);
    vi.doMock("node:buffer", () => ({ ...nodeBuffer, transcode }));
    try {
      const { decodeUtf8: onDeno, UTF8_DECODER: chosen } = await import("./decode-utf8.ts");
      expect(chosen).toBe("TextDecoder");
      expect(onDeno(utf8.encode("Zoë 日本語 🐢"))).toBe("Zoë 日本語 🐢");
      expect(onDeno(utf8.encode('{"key":"ZOLW-128"}'))).toBe('{"key":"ZOLW-128"}');
      expect(onDeno(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toBe("{}");
      expect(() => onDeno(bytes(0x7b, 0xc3))).toThrow(TypeError);
      expect(transcode).not.toHaveBeenCalled();
    } finally {
      vi.doUnmock("node:buffer");
      vi.unstubAllGlobals();
    }
  });
});

describe("text above ICU_MAX_BYTES", () => {
  it("is converted without transcode's UTF-16 copy, to the same string", async () => {
    vi.resetModules();
    const transcode = vi.fn(nodeBuffer.transcode);
    vi.doMock("node:buffer", () => ({ ...nodeBuffer, transcode }));
    try {
      const { decodeUtf8: decode, ICU_MAX_BYTES } = await import("./decode-utf8.ts");
      if (UTF8_DECODER !== "node:buffer") return; // the web twin has no ICU path at all
      const small = "Zoë 日本語 🐢 ".repeat(10);
      const large = "Zoë 日本語 🐢 ".repeat(Math.ceil(ICU_MAX_BYTES / 10));
      expect(utf8.encode(large).byteLength).toBeGreaterThan(ICU_MAX_BYTES);
      expect(decode(utf8.encode(large))).toBe(large);
      expect(transcode).not.toHaveBeenCalled();
      expect(decode(utf8.encode(small))).toBe(small);
      expect(transcode).toHaveBeenCalledOnce();
      expect(() => decode(utf8.encode(`${large}\u0000`).subarray(0, -1).fill(0xff, 5, 6))).toThrow(
        TypeError,
      );
    } finally {
      vi.doUnmock("node:buffer");
    }
  });
});

describe("a runtime whose node:buffer has no transcode", () => {
  it("decodes with TextDecoder instead", async () => {
    vi.resetModules();
    vi.doMock("node:buffer", () => ({ ...nodeBuffer, transcode: undefined }));
    const { decodeUtf8: withoutTranscode, UTF8_DECODER: chosen } = await import("./decode-utf8.ts");
    vi.doUnmock("node:buffer");
    expect(chosen).toBe("TextDecoder");
    expect(withoutTranscode(utf8.encode("Zoë 日本語 🐢"))).toBe("Zoë 日本語 🐢");
    expect(() => withoutTranscode(bytes(0xff))).toThrow(TypeError);
  });
});
