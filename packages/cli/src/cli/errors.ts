/**
 * A command line the command cannot carry out: unknown option, missing or bad value, missing
 * secret, unreadable input file. Printed as one line and answered with exit status 2.
 *
 * @example
 * ```ts
 * throw new UsageError('unknown event "issue_created"');
 * ```
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit statuses shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
