import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hex } from "../../test/vectors.ts";
import { DIGEST_BYTES } from "../verify/algorithms.ts";
import { sign } from "../verify/sign.ts";
import type { Algorithm, Secret } from "../verify/types.ts";
import { type Diagnosis, diagnose } from "./index.ts";

const ALL: Algorithm[] = ["sha1", "sha256", "sha384", "sha512"];
const algorithm = fc.constantFrom(...ALL);

// Bodies that reach every transformation: JSON with non-ASCII, text with CR/LF, invalid UTF-8.
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.stringMatching(/^[ab\r\n]{0,40}$/),
  fc.json().map((json) => JSON.stringify(JSON.parse(json), null, 2)),
  fc.jsonValue().map((value) => JSON.stringify({ value, text: "Café 🎉" })),
);
// Secrets that reach every secret variation: whitespace, hex text, base64 text, raw bytes.
const secret: fc.Arbitrary<Secret> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 1, maxLength: 30 }).map((text) => ` ${text}\n`),
  fc.uint8Array({ minLength: 1, maxLength: 48 }).map((bytes) => hex(bytes)),
  fc
    .uint8Array({ minLength: 1, maxLength: 48 })
    .map((bytes) => Buffer.from(bytes).toString("base64")),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
);

describe("diagnose: forged signatures", () => {
  it("a random digest gets no finding, whatever the body and secret", async () => {
    await fc.assert(
      fc.asyncProperty(
        payload,
        fc.array(secret, { minLength: 1, maxLength: 3 }),
        algorithm,
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        async (body, secrets, alg, random) => {
          const header = `${alg}=${hex(random.subarray(0, DIGEST_BYTES[alg]))}`;
          const diagnosis = await diagnose(body, header, { secret: secrets, algorithms: ALL });
          expect(diagnosis).toEqual({
            result: expect.objectContaining({ ok: false, reason: "signature_mismatch" }),
            findings: [],
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Every string anywhere in the diagnosis. */
function strings(diagnosis: Diagnosis): string[] {
  const out: string[] = [];
  JSON.stringify(diagnosis, (_, value) => {
    if (typeof value === "string") out.push(value);
    return value;
  });
  return out;
}

// How the signed body or key differs from what is diagnosed: each one yields findings.
const mistake = fc.constantFrom(
  "none",
  "forged",
  "newline",
  "crlf",
  "reserialized",
  "latin1",
  "secret-whitespace",
  "secret-hex",
);

describe("diagnose: never a signing oracle", () => {
  it("no string in the result holds the expected digest, a piece of it, or the secret", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        payload,
        // Long enough that finding it in a message would not be chance.
        fc.string({ minLength: 10, maxLength: 40 }).filter((text) => text.trim().length >= 10),
        algorithm,
        mistake,
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        async (body, key, alg, kind, random) => {
          const text = typeof body === "string" ? body : "";
          const signedBody =
            kind === "newline"
              ? `${text}\n`
              : kind === "crlf"
                ? text.replace(/\n/g, "\r\n")
                : kind === "reserialized"
                  ? JSON.stringify({ wrapped: text }, null, 4)
                  : kind === "latin1"
                    ? Buffer.from(Buffer.from(text).toString("latin1"))
                    : body;
          const given = kind === "reserialized" ? JSON.stringify({ wrapped: text }) : body;
          const configured = kind === "secret-whitespace" ? `${key}\n` : key;
          const signingKey = kind === "secret-hex" ? Buffer.from(key).toString("hex") : key;
          const header =
            kind === "forged"
              ? `${alg}=${hex(random.subarray(0, DIGEST_BYTES[alg]))}`
              : await sign(signedBody, signingKey, alg);
          const configuredKey = kind === "secret-hex" ? Buffer.from(key) : configured;

          const diagnosis = await diagnose(given, header, {
            secret: configuredKey,
            algorithms: ALL,
          });
          // The digests a server would compute for the diagnosed bytes, with the configured key
          // and with the one the transformations found.
          const expected = [
            await sign(given, configuredKey, alg),
            await sign(given, key, alg),
            header,
          ].map((value) => value.slice(value.indexOf("=") + 1));
          for (const finding of diagnosis.findings) seen.add(finding.cause);
          const found = strings(diagnosis);
          for (const value of found) {
            for (const digest of expected) {
              for (let at = 0; at + 8 <= digest.length; at++) {
                expect(value).not.toContain(digest.slice(at, at + 8));
              }
            }
            expect(value).not.toContain(key);
            expect(value).not.toMatch(/[0-9a-f]{16}/i);
          }
        },
      ),
      { numRuns: 120 },
    );
    // The check is not vacuous: the mistakes above did produce findings.
    for (const cause of [
      "body_reserialized",
      "trailing_newline",
      "secret_whitespace",
      "secret_encoding",
    ]) {
      expect(seen).toContain(cause);
    }
  }, 60_000); // 120 runs of up to 56 HMACs each: slow on a loaded machine, never a timing check
});
