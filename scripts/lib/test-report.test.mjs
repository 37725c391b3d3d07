import { describe, expect, it } from "vitest";
import { countTests, failureLines, stripAnsi, totalLine } from "./test-report.mjs";

// Shapes copied from the runners' real output in this repository's turbo logs.
const VITEST_PASS = `
\x1b[2m Test Files \x1b[22m \x1b[1m\x1b[32m2 passed\x1b[39m\x1b[22m\x1b[90m (2)\x1b[39m
\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m119 passed\x1b[39m\x1b[22m\x1b[90m (119)\x1b[39m
\x1b[2m   Duration \x1b[22m 5.41s`;

const VITEST_FAIL = `
 ✓ src/verify-webhook.test.ts (40 tests) 900ms
 ❯ src/deliveries.test.ts (79 tests | 1 failed) 1200ms
   × runs the handler again on the retry when it first answers 429 12ms

⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/deliveries.test.ts > dedupe > runs the handler again on the retry when it first answers 429
AssertionError: expected 500 to be 429 // Object.is equality

- Expected
+ Received

 ❯ src/deliveries.test.ts:106:28
    104|       const first = await post(url, JIRA_BODY, headers);

 Test Files  1 failed | 1 passed (2)
      Tests  1 failed | 116 passed | 2 skipped (119)
`;

const DENO = `deno-demo verifies Jira deliveries on POST /webhooks/jira ... ok (342ms)

ok | 2 passed | 0 failed (403ms)
`;

const DENO_FAIL = `
 ERRORS

refuses a forged signature => ./src/handler.test.ts:41:6
error: AssertionError: Values are not equal.

 FAILURES

refuses a forged signature => ./src/handler.test.ts:41:6

FAILED | 25 passed (3 steps) | 1 failed | 1 ignored (2s)
`;

const BUN = `
(fail) conformance > rejects junk inside the hex [0.40ms]
error: expect(received).toBe(expected)

 77 pass
 1 fail
Ran 78 tests across 1 file. [366.00ms]
`;

const NODE_TEST = `# tests 5
# suites 1
# pass 4
# fail 1
# cancelled 0
# skipped 0
# todo 0`;

describe("countTests", () => {
  it("reads Vitest's Tests line, not its Test Files line, colours or not", () => {
    expect(countTests(VITEST_PASS)).toEqual({ passed: 119, failed: 0, skipped: 0, found: true });
    expect(countTests(VITEST_FAIL)).toEqual({ passed: 116, failed: 1, skipped: 2, found: true });
    expect(countTests("      Tests  3 passed | 1 todo (4)")).toMatchObject({ skipped: 1 });
  });

  it("reads deno test, with steps and ignored tests", () => {
    expect(countTests(DENO)).toEqual({ passed: 2, failed: 0, skipped: 0, found: true });
    expect(countTests(DENO_FAIL)).toEqual({ passed: 25, failed: 1, skipped: 1, found: true });
  });

  it("reads bun test's pass and fail lines", () => {
    expect(countTests(BUN)).toEqual({ passed: 77, failed: 1, skipped: 0, found: true });
  });

  it("reads node --test and the plain 'N passed, N failed' line", () => {
    expect(countTests(NODE_TEST)).toEqual({ passed: 4, failed: 1, skipped: 0, found: true });
    expect(countTests("bench: 12 passed, 0 failed, 3 skipped\n")).toEqual({
      passed: 12,
      failed: 0,
      skipped: 3,
      found: true,
    });
  });

  it("sums a runner that drives several runners, as the conformance suite does", () => {
    const conformance = [VITEST_PASS, DENO, BUN, "      Tests  78 passed (78)"].join("\n");
    expect(countTests(conformance)).toEqual({
      passed: 119 + 2 + 77 + 78,
      failed: 1,
      skipped: 0,
      found: true,
    });
  });

  it("finds nothing in output without a summary, and ignores look-alikes", () => {
    expect(countTests("demo: 60 passed, 0 failed in 44s\n| a | PASS |\n").found).toBe(false);
    expect(countTests("").found).toBe(false);
  });
});

describe("failureLines", () => {
  it("names the failing Vitest test, its assertion and where it failed", () => {
    expect(failureLines(VITEST_FAIL)).toEqual([
      " FAIL  src/deliveries.test.ts > dedupe > runs the handler again on the retry when it first answers 429",
      "    AssertionError: expected 500 to be 429 // Object.is equality",
      "    ❯ src/deliveries.test.ts:106:28",
    ]);
  });

  it("names failing deno and bun tests and the conformance runner's failures", () => {
    expect(failureLines(DENO_FAIL)).toEqual([
      "refuses a forged signature => ./src/handler.test.ts:41:6",
      "error: AssertionError: Values are not equal.",
    ]);
    expect(failureLines(BUN)).toEqual([
      "(fail) conformance > rejects junk inside the hex [0.40ms]",
      "error: expect(received).toBe(expected)",
    ]);
    expect(failureLines("runtime table...\nFAIL chromium: exited with 1\n")).toEqual([
      "FAIL chromium: exited with 1",
    ]);
  });

  it("names TypeScript errors", () => {
    const tsc = "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n";
    expect(failureLines(tsc)).toEqual([tsc.trim()]);
  });

  it("falls back to the last lines of an output it does not recognise, and caps the list", () => {
    const output = Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n");
    expect(failureLines(output)).toEqual(Array.from({ length: 12 }, (_, i) => `line ${i + 28}`));
    const many = Array.from({ length: 30 }, (_, i) => `FAIL case-${i}: broke`).join("\n");
    expect(failureLines(many, 5)).toHaveLength(5);
  });
});

describe("totalLine", () => {
  it("is the plain closing line CI reads", () => {
    expect(totalLine({ passed: 1204, failed: 0, skipped: 0 })).toBe(
      "tests: 1204 passed, 0 failed, 0 skipped",
    );
    expect(stripAnsi("\x1b[31mred\x1b[39m")).toBe("red");
  });
});
