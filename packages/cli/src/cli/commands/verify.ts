import { createVerifier } from "@hubsig/core";
import { EXIT, UsageError } from "../errors.js";
import { readInput } from "../input.js";
import type { Io } from "../io.js";
import { toAlgorithm } from "../options.js";
import { atMost, parseCommand } from "../parse.js";
import { readSecrets } from "../secrets.js";

/**
 * `hubsig verify [FILE|-] --signature V --secret S [--secret OLD ...] [--algorithms LIST]`:
 * exit 0 naming the secret that matched, or exit 1 with the reason and message.
 *
 * @example
 * ```ts
 * process.exitCode = await verifyCommand(["body.json", "--signature", sig, "--secret", "s3cret"], io);
 * ```
 */
export async function verifyCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals, tokens } = parseCommand("verify", args, {
    signature: { type: "string" },
    secret: { type: "string", multiple: true },
    "secret-file": { type: "string", multiple: true },
    algorithms: { type: "string" },
  });
  const [file] = atMost("verify", positionals, 1);
  if (values.signature === undefined) {
    throw new UsageError('missing --signature "method=<hex>" (see "hubsig verify --help")');
  }
  const algorithms = values.algorithms?.split(",").map((name) => toAlgorithm(name, "--algorithms"));
  const secrets = await readSecrets(tokens, io);
  const body = await readInput(file, io);
  const result = await createVerifier({ secret: secrets, algorithms }).verify(
    body,
    values.signature,
  );
  if (!result.ok) {
    io.stdout.write(`not verified: ${result.reason}: ${result.message}\n`);
    return EXIT.failed;
  }
  const which = result.secretIndex === 0 ? "current" : `previous #${result.secretIndex}`;
  io.stdout.write(`verified: ${result.algorithm}, secret ${result.secretIndex} (${which})\n`);
  return EXIT.ok;
}
