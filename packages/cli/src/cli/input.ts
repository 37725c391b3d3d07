import { readFile } from "node:fs/promises";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

/**
 * The exact bytes of FILE, or of stdin for `-` (or no FILE when stdin is piped). Nothing is
 * added or removed: a trailing newline is part of the signed body.
 *
 * @example
 * ```ts
 * const body = await readInput(positionals[0], io); // "-" or undefined reads stdin
 * ```
 */
export async function readInput(path: string | undefined, io: Io): Promise<Uint8Array> {
  if (path === undefined && io.stdin.isTTY) {
    throw new UsageError('no input: give a FILE, pipe the body into stdin, or use "-" to type it');
  }
  if (path === undefined || path === "-") {
    const parts: Buffer[] = [];
    for await (const part of io.stdin) parts.push(Buffer.from(part as Buffer));
    return new Uint8Array(Buffer.concat(parts));
  }
  return readBytes(path, "file");
}

/**
 * Reads a whole file, turning the errno into a one-line {@link UsageError}.
 *
 * @example
 * ```ts
 * const bytes = await readBytes("body.json", "payload file");
 * ```
 */
export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} "${path}": ${reason(error as NodeJS.ErrnoException)}`,
    );
  }
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    default:
      return error.message;
  }
}
