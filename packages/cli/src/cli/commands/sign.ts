import { sign } from "@hubsig/core";
import { EXIT } from "../errors.js";
import { readInput } from "../input.js";
import type { Io } from "../io.js";
import { toAlgorithm } from "../options.js";
import { atMost, parseCommand } from "../parse.js";
import { readOneSecret } from "../secrets.js";

/**
 * `hubsig sign [FILE|-] --secret S [--algorithm A]`: prints `method=<hex>` for the exact bytes.
 *
 * @example
 * ```ts
 * process.exitCode = await signCommand(["body.json", "--secret", "s3cret"], io);
 * ```
 */
export async function signCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals, tokens } = parseCommand("sign", args, {
    secret: { type: "string", multiple: true },
    "secret-file": { type: "string", multiple: true },
    algorithm: { type: "string" },
  });
  const [file] = atMost("sign", positionals, 1);
  const algorithm = toAlgorithm(values.algorithm ?? "sha256", "--algorithm");
  const secret = await readOneSecret("sign", tokens, io);
  const body = await readInput(file, io);
  io.stdout.write(`${await sign(body, secret, algorithm)}\n`);
  return EXIT.ok;
}
