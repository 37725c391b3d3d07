import { createVerifier } from "@hubsig/core";
import { readCheckInput, verifiedLine } from "../check-input.js";
import { EXIT } from "../errors.js";
import type { Io } from "../io.js";

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
  const { body, signature, secrets, algorithms } = await readCheckInput("verify", args, io);
  const result = await createVerifier({ secret: secrets, algorithms }).verify(body, signature);
  if (!result.ok) {
    io.stdout.write(`not verified: ${result.reason}: ${result.message}\n`);
    return EXIT.failed;
  }
  io.stdout.write(verifiedLine(result.algorithm, result.secretIndex));
  return EXIT.ok;
}
