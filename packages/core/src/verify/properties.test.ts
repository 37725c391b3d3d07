import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hex } from "../../test/vectors.ts";
import { createVerifier } from "./create-verifier.ts";
import { parseSignatureHeader } from "./parse-signature-header.ts";
import { sign } from "./sign.ts";
import type { Algorithm, Secret } from "./types.ts";
import { verify } from "./verify.ts";

const HASHES = { sha1, sha256, sha384, sha512 } as const;
const ALL: Algorithm[] = ["sha1", "sha256", "sha384", "sha512"];
const utf8 = new TextEncoder();

const algorithm = fc.constantFrom(...ALL);
const secret: fc.Arbitrary<Secret> = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
  fc.uint8Array({ minLength: 1, maxLength: 200 }),
);
// Payloads: binary (including invalid UTF-8), empty, ASCII and non-ASCII text.
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.constant(new Uint8Array(0)),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constant(new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80])),
);

function bytesOf(value: string | Uint8Array): Uint8Array {
  return typeof value === "string" ? utf8.encode(value) : value;
}

function noble(alg: Algorithm, key: Secret, data: string | Uint8Array): string {
  return `${alg}=${hex(hmac(HASHES[alg], bytesOf(key), bytesOf(data)))}`;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  const index = Math.floor(bit / 8) % copy.length;
  copy[index] = (copy[index] as number) ^ (1 << (bit % 8));
  return copy;
}

describe("properties against @noble/hashes", () => {
  it("sign equals noble's HMAC", async () => {
    await fc.assert(
      fc.asyncProperty(payload, secret, algorithm, async (data, key, alg) => {
        expect(await sign(data, key, alg)).toBe(noble(alg, key, data));
      }),
      { numRuns: 300 },
    );
  });

  it("verify(sign(x)) is ok with the index of the signing secret", async () => {
    await fc.assert(
      fc.asyncProperty(
        payload,
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        algorithm,
        async (data, secrets, pick, alg) => {
          const index = pick % secrets.length;
          const header = await sign(data, secrets[index] as string, alg);
          const result = await createVerifier({ secret: secrets, algorithms: ALL }).verify(
            data,
            header,
          );
          // Two different strings never share an HMAC in practice: the first match is the signer.
          expect(result).toEqual({ ok: true, algorithm: alg, secretIndex: index });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("any one-bit change of body, digest or secret gives signature_mismatch", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        algorithm,
        fc.nat(),
        fc.constantFrom("body", "digest", "secret"),
        async (data, key, alg, bit, target) => {
          const options = { secret: key, algorithms: ALL };
          const header = await sign(data, key, alg);
          const parsed = parseSignatureHeader(header);
          if (!parsed.ok) throw new Error("sign produced an unparsable header");
          let result: Awaited<ReturnType<typeof verify>>;
          if (target === "body") result = await verify(flipBit(data, bit), header, options);
          else if (target === "digest") {
            result = await verify(data, `${alg}=${hex(flipBit(parsed.digest, bit))}`, options);
          } else {
            result = await verify(data, header, { ...options, secret: flipBit(key, bit) });
          }
          expect(result).toMatchObject({ ok: false, reason: "signature_mismatch" });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("no input to parseSignatureHeader or verify throws", async () => {
    const header = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc
        .tuple(fc.constantFrom(...ALL, "md5", "SHA256", "", " "), fc.string({ maxLength: 140 }))
        .map(([method, rest]) => `${method}=${rest}`),
      fc
        .tuple(algorithm, fc.uint8Array({ minLength: 0, maxLength: 70 }))
        .map(([alg, bytes]) => `${alg}=${hex(bytes)}`),
    );
    await fc.assert(
      fc.asyncProperty(header, payload, async (value, data) => {
        const parsed = parseSignatureHeader(value);
        expect(typeof parsed.ok).toBe("boolean");
        const result = await verify(data, value, { secret: "s", algorithms: ALL });
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) expect(result.message).toBeTypeOf("string");
      }),
      { numRuns: 500 },
    );
  });
});
