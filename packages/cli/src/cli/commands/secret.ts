import { generateSecret } from "@hubsig/core";
import { EXIT } from "../errors.js";
import type { Io } from "../io.js";
import { toWholeNumber } from "../options.js";
import { atMost, parseCommand } from "../parse.js";

/**
 * `hubsig secret [--bytes N]`: prints a new secret.
 *
 * @example
 * ```ts
 * process.exitCode = await secretCommand(["--bytes", "48"], io);
 * ```
 */
export async function secretCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand("secret", args, { bytes: { type: "string" } });
  atMost("secret", positionals, 0);
  const bytes = values.bytes === undefined ? 32 : toWholeNumber(values.bytes, "--bytes", 16, 1024);
  io.stdout.write(`${generateSecret({ bytes })}\n`);
  return EXIT.ok;
}
