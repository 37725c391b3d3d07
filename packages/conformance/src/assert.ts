/**
 * Thrown by the suite's own assertions, which work the same in every runtime and test runner.
 *
 * @example
 * ```ts
 * throw new AssertionError("status: expected 401, got 200");
 * ```
 */
export class AssertionError extends Error {
  override name = "AssertionError";
}

/**
 * Fails unless `actual` and `expected` are the same value (`Object.is`).
 *
 * @example
 * ```ts
 * equal(outcome.status, 413, "status");
 * ```
 */
export function equal<T>(actual: T, expected: T, label: string): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${label}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * Fails unless both values are the same plain data (results, payloads), in any key order.
 *
 * @example
 * ```ts
 * deepEqual(result, { ok: true, algorithm: "sha256", secretIndex: 0 }, "result");
 * ```
 */
export function deepEqual(actual: unknown, expected: unknown, label: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new AssertionError(`${label}: expected ${e}, got ${a}`);
}

/**
 * Fails unless `condition` holds.
 *
 * @example
 * ```ts
 * ok(secret.length === 43, "default secret length");
 * ```
 */
export function ok(condition: unknown, label: string): asserts condition {
  if (!condition) throw new AssertionError(label);
}

/**
 * Fails unless `fn` throws a `TypeError` (misuse is reported when a verifier is created).
 *
 * @example
 * ```ts
 * throwsTypeError(() => core.createVerifier({ secret: "" }), "empty secret");
 * ```
 */
export function throwsTypeError(fn: () => unknown, label: string): void {
  try {
    fn();
  } catch (error) {
    // instanceof TypeError can differ across realms (workerd, browsers): compare by name.
    if ((error as Error)?.name === "TypeError") return;
    throw new AssertionError(`${label}: expected a TypeError, got ${String(error)}`);
  }
  throw new AssertionError(`${label}: expected a TypeError, nothing was thrown`);
}

function show(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

// JSON with object keys sorted, so that key order does not count.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}
