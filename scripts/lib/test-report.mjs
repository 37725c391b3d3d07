// Reads test counts and failures out of what test runners print, so that `pnpm test` can end
// with one line for the whole run. Each runner's own summary is the source: Vitest's
// "Tests  N passed | M failed (T)", deno test's "ok | N passed | M failed", bun test's
// "N pass / M fail", node --test's "# pass N", and the plain "N passed, M failed".

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;

/**
 * The text without colour and cursor escapes.
 *
 * @example
 * ```js
 * stripAnsi("\x1b[32m3 passed\x1b[39m"); // "3 passed"
 * ```
 */
export function stripAnsi(text) {
  return text.replace(ANSI, "");
}

/**
 * Test counts in a runner's output, summed over every summary it prints (a runner that drives
 * other runners, like the conformance suite, prints one per runtime). `found` is false when no
 * summary was recognised.
 *
 * @example
 * ```js
 * countTests("      Tests  1 failed | 118 passed | 2 skipped (121)");
 * // { passed: 118, failed: 1, skipped: 2, found: true }
 * ```
 */
export function countTests(output) {
  const counts = { passed: 0, failed: 0, skipped: 0, found: false };
  const add = (passed, failed, skipped) => {
    counts.passed += passed;
    counts.failed += failed;
    counts.skipped += skipped;
    counts.found = true;
  };
  let bun = undefined;
  const flushBun = () => {
    if (bun) add(bun.pass, bun.fail, bun.skip);
    bun = undefined;
  };
  for (const raw of stripAnsi(output).split(/\r?\n/)) {
    const line = raw.trimEnd();
    const vitest = /^\s*Tests\s{2,}(.+?)\s+\((\d+)\)$/.exec(line);
    if (vitest) {
      const part = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(vitest[1])?.[1] ?? 0);
      add(part("passed"), part("failed"), part("skipped") + part("todo"));
      continue;
    }
    const deno =
      /^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed(?: \(\d+ steps?\))?(?: \| (\d+) ignored)?/.exec(
        line,
      );
    if (deno) {
      add(Number(deno[1]), Number(deno[2]), Number(deno[3] ?? 0));
      continue;
    }
    const bunCount = /^\s+(\d+) (pass|fail|skip|todo)$/.exec(line);
    if (bunCount) {
      bun ??= { pass: 0, fail: 0, skip: 0 };
      const key = bunCount[2] === "todo" ? "skip" : bunCount[2];
      bun[key] += Number(bunCount[1]);
      continue;
    }
    if (/^Ran \d+ tests? across \d+ files?\./.test(line)) {
      flushBun();
      continue;
    }
    const nodeTest = /^# (pass|fail|skipped|todo) (\d+)$/.exec(line);
    if (nodeTest) {
      const value = Number(nodeTest[2]);
      if (nodeTest[1] === "pass") add(value, 0, 0);
      else if (nodeTest[1] === "fail") add(0, value, 0);
      else add(0, 0, value);
      continue;
    }
    const plain = /^(?:[\w-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(line);
    if (plain) add(Number(plain[1]), Number(plain[2]), Number(plain[3] ?? 0));
  }
  flushBun();
  return counts;
}

const HEADLINES = [
  /^\s*FAIL\s+\S.*/, // vitest: " FAIL  src/a.test.ts > group > case"
  /^\(fail\) .+/, // bun test
  /^FAIL \S.+/, // the conformance runner
  /^.+ => \S+:\d+:\d+$/, // deno test, FAILURES section
  /^\S.*\(\d+,\d+\): error TS\d+: .+/, // tsc
  /^TS\d+ \[ERROR\]: .+/, // deno check
  /^error: .+/, // deno, bun
];
const DETAIL = /^\s*(?:[A-Za-z]*Error\b|AssertionError|expected |Expected|Received|error:)/;
const LOCATION = /^\s*❯ \S+:\d+:\d+/;

/**
 * The lines of a failed run that say what failed: the failing tests and the first line of each
 * error with its location, at most `limit` lines; the last lines of the output when no runner's
 * failure format is recognised.
 *
 * @example
 * ```js
 * failureLines(vitestOutput);
 * // [" FAIL  src/deliveries.test.ts > answers 429", "AssertionError: expected 500 to be 429", "❯ src/deliveries.test.ts:106:28"]
 * ```
 */
export function failureLines(output, limit = 12) {
  const lines = stripAnsi(output)
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
  const picked = [];
  const seen = new Set();
  const pick = (line) => {
    const key = line.trim();
    if (!key || seen.has(key) || picked.length >= limit) return;
    seen.add(key);
    picked.push(line);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!HEADLINES.some((pattern) => pattern.test(line))) continue;
    // vitest lists failing tests once with ×/FAIL as it goes and again in "Failed Tests" with
    // the error: the second listing is followed by the error and its location.
    pick(line);
    if (!/^\s*FAIL\s/.test(line)) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 12); j++) {
      if (HEADLINES.some((pattern) => pattern.test(lines[j]))) break;
      if (DETAIL.test(lines[j]) || LOCATION.test(lines[j])) pick(`    ${lines[j].trim()}`);
    }
  }
  if (picked.length > 0) return picked;
  return lines.filter((line) => line.trim()).slice(-Math.min(limit, 15));
}

/**
 * The closing line of a run: `tests: N passed, N failed, N skipped`.
 *
 * @example
 * ```js
 * totalLine({ passed: 3, failed: 0, skipped: 1 }); // "tests: 3 passed, 0 failed, 1 skipped"
 * ```
 */
export function totalLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}
