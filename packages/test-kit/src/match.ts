import assert from "node:assert/strict";

/**
 * Asserts that `actual` has every field of `expected`, recursively, like Vitest's
 * `toMatchObject`: objects may carry more fields, arrays and other values must be equal. Written
 * on `node:assert` so that the shared contract runs under Vitest, `deno test` and `bun test`.
 *
 * @example
 * assertMatch(answer, { status: 401, json: { error: "signature_mismatch" } });
 */
export function assertMatch(actual: unknown, expected: unknown, context = ""): void {
  const mismatch = findMismatch(actual, expected, "");
  if (mismatch !== undefined) {
    assert.fail(
      `${context ? `${context}: ` : ""}${mismatch}\nactual: ${preview(actual)}\nexpected to contain: ${preview(expected)}`,
    );
  }
}

function findMismatch(actual: unknown, expected: unknown, path: string): string | undefined {
  if (isPlainObject(expected)) {
    if (typeof actual !== "object" || actual === null) {
      return `${path || "value"} is ${preview(actual)}, not an object`;
    }
    for (const [key, value] of Object.entries(expected)) {
      const found = findMismatch((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  try {
    assert.deepStrictEqual(actual, expected);
    return undefined;
  } catch {
    return `${path || "value"} is ${preview(actual)}, expected ${preview(expected)}`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  );
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_, v) =>
      v instanceof Headers ? Object.fromEntries(v) : v,
    );
    return text === undefined
      ? String(value)
      : text.length > 300
        ? `${text.slice(0, 300)}...`
        : text;
  } catch {
    return String(value);
  }
}
