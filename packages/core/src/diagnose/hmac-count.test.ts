// How many HMACs a diagnosis computes, counted where the engines compute them: the node engine
// compares each HMAC it computes with one timingSafeEqual, the WebCrypto engine computes and
// compares each with one crypto.subtle.verify. The suite runs once per engine (vitest.config.ts),
// and each run counts both: only the engine in use calls its own.
import * as nodeCrypto from "node:crypto";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hex, JIRA_BODY } from "../../test/vectors.ts";
import { sign } from "../verify/sign.ts";
import type { Algorithm, Payload, Secret } from "../verify/types.ts";
import { diagnose } from "./index.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

let subtleVerify: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  subtleVerify = vi.spyOn(crypto.subtle, "verify");
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** HMACs computed by `diagnose` alone (signing the test's own headers is not counted). */
async function hmacsOf(payload: Payload, header: string, secret: Secret | Secret[]) {
  vi.mocked(nodeCrypto.timingSafeEqual).mockClear();
  subtleVerify.mockClear();
  const diagnosis = await diagnose(payload, header, { secret });
  const count =
    vi.mocked(nodeCrypto.timingSafeEqual).mock.calls.length + subtleVerify.mock.calls.length;
  return { count, diagnosis };
}

/**
 * The most HMACs a refused delivery's diagnosis costs with `n` secrets, read off
 * src/diagnose: the verification itself tries each secret (n); at most 12 transformed bodies
 * (body.ts: 2 trailing-newline, 2 line-ending, 2 lossy-decoding and 6 re-serialized forms) are
 * each tried with every secret (12n); at most 5 transformed keys per secret for the first 4
 * secrets (secret.ts: trimmed or hex-decoded, base64-decoded, and for byte secrets their hex,
 * base64 and base64url text) are each one HMAC. Bodies and keys share a budget of 24
 * candidates, bodies first, so at most 12 keys are tried after 12 bodies; trying fewer bodies
 * only lowers the count, since a body costs n HMACs and a key one.
 */
function maxHmacs(n: number): number {
  return 13 * n + Math.min(12, 5 * Math.min(n, 4));
}

// Every body transformation applies: CRLF and lone LF, no final newline, non-ASCII JSON.
const WORST_BODY = '{"a": "é",\r\n"b": 1,\n"c": 2}';
// Byte secrets that read as hex and as base64 text: 5 transformed keys each.
const byteSecret = (i: number) => Buffer.from(`${i}a${i}b${i}c${i}d`);
const FORGED = `sha256=${"ab".repeat(32)}`;

describe("diagnose: HMACs computed", () => {
  it.each([
    [1, 18],
    [2, 36],
    [3, 51],
    [4, 64],
    [6, 90],
  ])("a forged signature with %i byte secret(s) costs %i, the bound", async (n, expected) => {
    const secrets = Array.from({ length: n }, (_, i) => byteSecret(i));
    const { count, diagnosis } = await hmacsOf(WORST_BODY, FORGED, secrets);
    expect(diagnosis.findings).toEqual([]);
    expect(count).toBe(expected);
    expect(count).toBe(maxHmacs(n));
  });

  it.each([
    [1, 14],
    [2, 28],
    [4, 56],
  ])("a forged signature with %i text secret(s) costs %i: 14 per secret", async (n, expected) => {
    // Text secrets that also read as base64 (16 characters): one transformed key each, on top
    // of the verification and the 12 transformed bodies tried with every secret.
    const secrets = Array.from({ length: n }, (_, i) => `webhook-secret-${i}`);
    const { count } = await hmacsOf(WORST_BODY, FORGED, secrets);
    expect(count).toBe(expected);
    expect(count).toBeLessThanOrEqual(maxHmacs(n));
  });

  it("a compact Jira body costs 10 with one secret: fewer forms of it differ", async () => {
    // 1 verification, 8 bodies (a final LF or CRLF added, Latin-1 mojibake, and the escaped,
    // 2-space and 4-space forms: its compact form is the body itself, and its text is not
    // Latin-1), 1 base64-decoded key.
    const { count } = await hmacsOf(JIRA_BODY, FORGED, "webhook-secret-0");
    expect(count).toBe(10);
  });

  it("a delivery that verifies costs only its verification: one HMAC per secret tried", async () => {
    const secrets = ["first", "second", "third"];
    const header = await sign(JIRA_BODY, "second");
    const { count, diagnosis } = await hmacsOf(JIRA_BODY, header, secrets);
    expect(diagnosis.result).toEqual({ ok: true, algorithm: "sha256", secretIndex: 1 });
    expect(count).toBe(2);
  });

  it("stops at the first transformation that matches", async () => {
    // The body lost its final newline on the way: the first body candidate matches.
    const header = await sign(`${JIRA_BODY}\n`, "secret");
    const { count, diagnosis } = await hmacsOf(JIRA_BODY, header, "secret");
    expect(diagnosis.findings.map((finding) => finding.cause)).toEqual(["trailing_newline"]);
    expect(count).toBeLessThan(maxHmacs(1));
  });

  it("a header that is not method=hex costs no HMAC at all", async () => {
    const { count, diagnosis } = await hmacsOf(WORST_BODY, "sha256=zz", [byteSecret(1)]);
    expect(diagnosis.findings.map((finding) => finding.cause)).toEqual(["malformed_signature"]);
    expect(count).toBe(0);
  });

  it("never exceeds 13 per secret plus 12, for any body, secrets and signature", async () => {
    const secret: fc.Arbitrary<Secret> = fc.oneof(
      fc.string({ minLength: 1, maxLength: 24 }),
      fc.string({ minLength: 1, maxLength: 16 }).map((text) => ` ${text}\n`),
      fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => hex(bytes)),
      fc.uint8Array({ minLength: 1, maxLength: 24 }),
    );
    const payload = fc.oneof(
      fc.constant(WORST_BODY),
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.stringMatching(/^[ab\r\n]{0,30}$/),
      fc.jsonValue().map((value) => JSON.stringify({ value, text: "Café 🎉" }, null, 2)),
      fc.uint8Array({ maxLength: 80 }),
    );
    const algorithm = fc.constantFrom<Algorithm>("sha1", "sha256", "sha512");
    await fc.assert(
      fc.asyncProperty(
        payload,
        fc.array(secret, { minLength: 1, maxLength: 6 }),
        algorithm,
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        async (body, secrets, method, signingKey) => {
          // sha1 is not allowed by default: the diagnosis then checks it with every secret.
          const header = await sign(body, signingKey, method);
          const { count } = await hmacsOf(body, header, secrets);
          expect(count).toBeLessThanOrEqual(maxHmacs(secrets.length));
        },
      ),
      { numRuns: 150 },
    );
  });
});
