import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { fromHex, RFC4231_CASES } from "../../test/vectors.ts";
import { prepareKeys } from "./hmac.ts";
import type { Algorithm } from "./types.ts";

const HASHES = { sha1, sha256, sha384, sha512 } as const;

// Runs once per engine: the web-engine project aliases ./hmac.ts to ./hmac.web.ts.
describe("HMAC engine", () => {
  const vector = RFC4231_CASES[0] as (typeof RFC4231_CASES)[number];
  const key = fromHex(vector.keyHex);
  const data = fromHex(vector.dataHex);
  const digest = fromHex(vector.sha256);

  it("is the engine this project means to test", () => {
    const source = String(prepareKeys);
    expect(source.includes("subtle")).toBe(process.env.HUBSIG_ENGINE === "web");
    expect(source.includes("createHmac")).toBe(process.env.HUBSIG_ENGINE === "node");
  });

  it("matches the right key and reports its index", async () => {
    const keys = prepareKeys([new Uint8Array([1]), key]);
    expect(await keys.match("sha256", digest, data)).toBe(1);
    expect(await keys.match("sha256", new Uint8Array(32), data)).toBe(-1);
  });

  it("reads a digest view at its own offset, not at the start of its buffer", async () => {
    // The real digest sits at the start of the buffer; the view passed in is all zeros.
    const pool = new Uint8Array(64);
    pool.set(digest, 0);
    const zeros = pool.subarray(32, 64);
    expect(await prepareKeys([key]).match("sha256", zeros, data)).toBe(-1);
    const shifted = new Uint8Array(96);
    shifted.set(digest, 40);
    expect(await prepareKeys([key]).match("sha256", shifted.subarray(40, 72), data)).toBe(0);
  });

  it("reads a data view at its own offset", async () => {
    const pool = new Uint8Array(data.length + 10);
    pool.set(data, 5);
    expect(
      await prepareKeys([key]).match("sha256", digest, pool.subarray(5, 5 + data.length)),
    ).toBe(0);
    expect(await prepareKeys([key]).match("sha256", digest, pool)).toBe(-1);
  });

  it("signs with the first key", async () => {
    expect(Array.from(await prepareKeys([key, new Uint8Array([9])]).sign("sha256", data))).toEqual(
      Array.from(digest),
    );
  });

  it("prepares keys once and serves concurrent first calls", async () => {
    const keys = prepareKeys([key]);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => keys.match("sha256", digest, data)),
    );
    expect(results).toEqual(Array(20).fill(0));
  });

  // The node engine spells out RFC 2104 itself for small sha256 bodies and short keys, over pad
  // buffers it reuses, and uses createHmac otherwise: both sides of every switch (method, key
  // length around the block, body length around the copy limit), and small bodies after larger
  // ones on the same prepared pads, must all give the HMAC of an independent implementation.
  it.each(["sha1", "sha256", "sha384", "sha512"] as const)(
    "agrees with an independent HMAC-%s across key and body sizes",
    async (algorithm: Algorithm) => {
      for (const keyLength of [1, 63, 64, 65, 128, 129, 300]) {
        const secret = Uint8Array.from({ length: keyLength }, (_, i) => (i * 7 + keyLength) & 255);
        const keys = prepareKeys([new Uint8Array([255, 254, 253]), secret]);
        for (const bodyLength of [8193, 0, 1, 8192, 70000, 55, 8191, 3]) {
          const body = Uint8Array.from({ length: bodyLength }, (_, i) => (i * 13 + 5) & 255);
          const expected = hmac(HASHES[algorithm], secret, body);
          expect(await keys.match(algorithm, expected, body)).toBe(1);
          expect(Array.from(await prepareKeys([secret]).sign(algorithm, body))).toEqual(
            Array.from(expected),
          );
        }
      }
    },
  );
});
