/**
 * Starts every task in one go (a task that throws synchronously does not stop the others from
 * starting), waits for all of them, and collects what they threw or rejected with, in the order
 * the tasks were given.
 *
 * @example
 * ```ts
 * const failures = await settleAll([() => save(event), () => notify(event)]);
 * if (failures.length > 0) throw new AggregateError(failures, "2 tasks, some failed");
 * ```
 */
export async function settleAll(tasks: readonly (() => unknown)[]): Promise<unknown[]> {
  const running = tasks.map((task) => {
    try {
      return Promise.resolve(task());
    } catch (error) {
      return Promise.reject(error);
    }
  });
  const settled = await Promise.allSettled(running);
  const failures: unknown[] = [];
  for (const outcome of settled) if (outcome.status === "rejected") failures.push(outcome.reason);
  return failures;
}
