import { UsageError } from "./errors.js";
import { readBytes } from "./input.js";
import type { Io } from "./io.js";

/** A token from node:util `parseArgs({ tokens: true })`, as far as secrets need it. */
interface Token {
  kind: string;
  name?: string;
  value?: string | undefined;
}

/**
 * The secrets of a command, in the order given: every `--secret S` and `--secret-file PATH`,
 * or else `HUBSIG_SECRET`. A secret file is read as bytes and loses one trailing "\n" or "\r\n"
 * (the newline an editor or `echo` adds); anything else in it, spaces included, is the secret.
 *
 * @example
 * ```ts
 * const secrets = await readSecrets(tokens, io); // [current, previous, ...]
 * ```
 */
export async function readSecrets(
  tokens: readonly Token[],
  io: Io,
): Promise<Array<string | Uint8Array>> {
  const secrets: Array<string | Uint8Array> = [];
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (token.name === "secret") {
      if (!token.value) throw new UsageError("--secret is empty");
      secrets.push(token.value);
    } else if (token.name === "secret-file" && token.value !== undefined) {
      secrets.push(await readSecretFile(token.value));
    }
  }
  if (secrets.length > 0) return secrets;
  const fromEnv = io.env.HUBSIG_SECRET;
  if (fromEnv) return [fromEnv];
  throw new UsageError("no secret: pass --secret S, --secret-file PATH or set HUBSIG_SECRET");
}

/**
 * Exactly one secret, for the commands that sign.
 *
 * @example
 * ```ts
 * const secret = await readOneSecret("sign", tokens, io);
 * ```
 */
export async function readOneSecret(
  command: string,
  tokens: readonly Token[],
  io: Io,
): Promise<string | Uint8Array> {
  const secrets = await readSecrets(tokens, io);
  if (secrets.length > 1) {
    throw new UsageError(`"hubsig ${command}" signs with one secret; ${secrets.length} were given`);
  }
  return secrets[0] as string | Uint8Array;
}

async function readSecretFile(path: string): Promise<Uint8Array> {
  let bytes = await readBytes(path, "secret file");
  if (bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, bytes.at(-2) === 0x0d ? -2 : -1);
  if (bytes.length === 0) throw new UsageError(`secret file "${path}" is empty`);
  return bytes;
}
