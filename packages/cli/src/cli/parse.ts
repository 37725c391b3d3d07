import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Config<T extends Options> = {
  args: string[];
  options: T & { help: { type: "boolean"; short: "h" } };
  allowPositionals: true;
  strict: true;
  tokens: true;
};
/**
 * What {@link parseCommand} returns: typed values, positionals and ordered tokens.
 *
 * @example
 * ```ts
 * const parsed: Parsed<{ bytes: { type: "string" } }> = parseCommand("secret", args, { bytes: { type: "string" } });
 * ```
 */
export type Parsed<T extends Options> = ReturnType<typeof parseArgs<Config<T>>>;

/**
 * node:util `parseArgs` in strict mode with positionals and tokens (tokens keep the order of
 * repeated `--secret` and `--secret-file`), plus `-h/--help` on every command. Its long errors
 * become one-line {@link UsageError}s that name the option and point to the help.
 *
 * @example
 * ```ts
 * const { values, positionals } = parseCommand("sign", args, { secret: { type: "string", multiple: true } });
 * ```
 */
export function parseCommand<T extends Options>(
  command: string,
  args: string[],
  options: T,
): Parsed<T> {
  try {
    return parseArgs<Config<T>>({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } as const },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(
      `${explain(error as Error & { code?: string })} (see "hubsig ${command} --help")`,
    );
  }
}

function explain(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (error.message.includes("does not take")) return `option ${option} takes no value`;
      if (error.message.includes("ambiguous")) {
        return `option ${option} needs a value (write ${option}=-x for a value starting with "-")`;
      }
      return `option ${option} needs a value`;
    default:
      return error.message;
  }
}

/**
 * Refuses extra positionals with a clear message.
 *
 * @example
 * ```ts
 * const [file] = atMost("sign", positionals, 1);
 * ```
 */
export function atMost(command: string, positionals: string[], count: number): string[] {
  if (positionals.length > count) {
    throw new UsageError(
      `unexpected argument "${positionals[count]}" (see "hubsig ${command} --help")`,
    );
  }
  return positionals;
}
