import type { Algorithm, Secret } from "@hubsig/core";
import { UsageError } from "./errors.js";
import { readInput } from "./input.js";
import type { Io } from "./io.js";
import { toAlgorithm } from "./options.js";
import { atMost, parseCommand } from "./parse.js";
import { readSecrets } from "./secrets.js";

/**
 * What `verify` and `diagnose` check: the exact body bytes, the header value, the secrets (current
 * first) and the accepted methods.
 *
 * @example
 * ```ts
 * const check: CheckInput = { body, signature: "sha256=...", secrets: ["s3cret"], algorithms: undefined };
 * ```
 */
export interface CheckInput {
  body: Uint8Array;
  signature: string;
  secrets: Secret[];
  algorithms: Algorithm[] | undefined;
}

/**
 * Parses `[FILE|-] --signature V (--secret S | --secret-file PATH ...) [--algorithms LIST]` and
 * reads the secrets and the body, the same way for every command that checks a signature.
 *
 * @example
 * ```ts
 * const { body, signature, secrets, algorithms } = await readCheckInput("diagnose", args, io);
 * ```
 */
export async function readCheckInput(command: string, args: string[], io: Io): Promise<CheckInput> {
  const { values, positionals, tokens } = parseCommand(command, args, {
    signature: { type: "string" },
    secret: { type: "string", multiple: true },
    "secret-file": { type: "string", multiple: true },
    algorithms: { type: "string" },
  });
  const [file] = atMost(command, positionals, 1);
  if (values.signature === undefined) {
    throw new UsageError(`missing --signature "method=<hex>" (see "hubsig ${command} --help")`);
  }
  const algorithms = values.algorithms?.split(",").map((name) => toAlgorithm(name, "--algorithms"));
  const secrets = await readSecrets(tokens, io);
  const body = await readInput(file, io);
  return { body, signature: values.signature, secrets, algorithms };
}

/**
 * The line printed for a match: the method and which secret, by position in the rotation list.
 *
 * @example
 * ```ts
 * verifiedLine("sha256", 1); // "verified: sha256, secret 1 (previous #1)\n"
 * ```
 */
export function verifiedLine(algorithm: Algorithm, secretIndex: number): string {
  const which = secretIndex === 0 ? "current" : `previous #${secretIndex}`;
  return `verified: ${algorithm}, secret ${secretIndex} (${which})\n`;
}
