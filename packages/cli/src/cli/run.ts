import { readFileSync } from "node:fs";
import { diagnoseCommand } from "./commands/diagnose.js";
import { secretCommand } from "./commands/secret.js";
import { sendCommand } from "./commands/send.js";
import { signCommand } from "./commands/sign.js";
import { verifyCommand } from "./commands/verify.js";
import { EXIT, UsageError } from "./errors.js";
import { COMMAND_HELP, MAIN_HELP } from "./help.js";
import type { Io } from "./io.js";

const COMMANDS: Readonly<Record<string, (args: string[], io: Io) => Promise<number>>> = {
  secret: secretCommand,
  sign: signCommand,
  verify: verifyCommand,
  diagnose: diagnoseCommand,
  send: sendCommand,
};

/**
 * Runs one `hubsig` command line and resolves to its exit status. Every error ends up as one
 * line on stderr starting with "hubsig: ": usage errors exit 2, everything else 1.
 *
 * @example
 * ```ts
 * process.exitCode = await run(process.argv.slice(2), io);
 * ```
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(MAIN_HELP);
    return EXIT.usage;
  }
  if (name === "-h" || name === "--help") {
    io.stdout.write(MAIN_HELP);
    return EXIT.ok;
  }
  if (name === "-v" || name === "--version") {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  if (name === "help") return help(args[0], io);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr.write(`hubsig: unknown command "${name}" (see "hubsig --help")\n`);
    return EXIT.usage;
  }
  if (args.includes("-h") || args.includes("--help")) return help(name, io);
  try {
    return await command(args, io);
  } catch (error) {
    const message = (error as Error).message.replace(/^hubsig: /, "");
    io.stderr.write(`hubsig: ${message}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}

function help(name: string | undefined, io: Io): number {
  if (name === undefined) {
    io.stdout.write(MAIN_HELP);
    return EXIT.ok;
  }
  const text = Object.hasOwn(COMMAND_HELP, name) ? COMMAND_HELP[name] : undefined;
  if (text === undefined) {
    io.stderr.write(`hubsig: unknown command "${name}" (see "hubsig --help")\n`);
    return EXIT.usage;
  }
  io.stdout.write(text);
  return EXIT.ok;
}

function version(): string {
  // Bundled into dist/, one level below the package root.
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
