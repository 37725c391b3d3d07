import { diagnose } from "@hubsig/core/diagnose";
import { readCheckInput, verifiedLine } from "../check-input.js";
import { EXIT } from "../errors.js";
import type { Io } from "../io.js";

/**
 * `hubsig diagnose [FILE|-] --signature V --secret S [--secret OLD ...] [--algorithms LIST]`:
 * verifies like `hubsig verify` and, when that fails, prints each probable cause with its fix.
 * Exit 0 when the signature matches, 1 otherwise. Never prints a digest computed with a secret.
 *
 * @example
 * ```ts
 * process.exitCode = await diagnoseCommand(["body.json", "--signature", sig, "--secret", "s3cret"], io);
 * ```
 */
export async function diagnoseCommand(args: string[], io: Io): Promise<number> {
  const { body, signature, secrets, algorithms } = await readCheckInput("diagnose", args, io);
  const { result, findings } = await diagnose(body, signature, { secret: secrets, algorithms });
  if (result.ok) {
    io.stdout.write(verifiedLine(result.algorithm, result.secretIndex));
    return EXIT.ok;
  }
  let text = `not verified: ${result.reason}: ${result.message}\n`;
  if (findings.length === 0) {
    // A mismatch that no known mistake explains is what a forged or tampered delivery looks like.
    text +=
      result.reason === "signature_mismatch"
        ? "no probable cause found: no known mistake explains it; the body or the secret differs from what the sender signed, or the delivery is forged.\n"
        : "";
  } else {
    const count = findings.length === 1 ? "1 probable cause" : `${findings.length} probable causes`;
    text += `${count}:\n`;
    for (const { cause, message } of findings) text += `  ${cause}: ${message}\n`;
  }
  io.stdout.write(text);
  return EXIT.failed;
}
