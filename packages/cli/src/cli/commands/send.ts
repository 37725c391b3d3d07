import { STATUS_CODES } from "node:http";
import { SAMPLE_EVENTS } from "../../samples.js";
import { sendDelivery } from "../../send-delivery.js";
import { EXIT, UsageError } from "../errors.js";
import { readInput } from "../input.js";
import type { Io } from "../io.js";
import { toAlgorithm, toUrl, toWholeNumber } from "../options.js";
import { atMost, parseCommand } from "../parse.js";
import { readOneSecret } from "../secrets.js";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * `hubsig send URL --secret S [...]`: POSTs a signed Jira-style delivery and prints the answer.
 * Exit 0 for 2xx, 1 for any other status or when no answer came.
 *
 * @example
 * ```ts
 * process.exitCode = await sendCommand(["http://127.0.0.1:3000/", "--secret", "s3cret", "--tamper"], io);
 * ```
 */
export async function sendCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals, tokens } = parseCommand("send", args, {
    secret: { type: "string", multiple: true },
    "secret-file": { type: "string", multiple: true },
    event: { type: "string" },
    payload: { type: "string" },
    header: { type: "string" },
    algorithm: { type: "string" },
    tamper: { type: "boolean" },
    retry: { type: "string" },
    id: { type: "string" },
    flow: { type: "string" },
    timeout: { type: "string" },
  });
  const [target] = atMost("send", positionals, 1);
  if (target === undefined) throw new UsageError('missing URL (see "hubsig send --help")');
  const url = toUrl(target);
  if (values.event !== undefined && values.payload !== undefined) {
    throw new UsageError("give --event or --payload, not both");
  }
  if (values.event !== undefined && !SAMPLE_EVENTS.includes(values.event)) {
    throw new UsageError(`unknown event "${values.event}" (samples: ${SAMPLE_EVENTS.join(", ")})`);
  }
  if (values.header !== undefined && !HEADER_NAME.test(values.header)) {
    throw new UsageError(`--header: "${values.header}" is not a valid header name`);
  }
  if (values.id !== undefined && !VISIBLE_ASCII.test(values.id)) {
    throw new UsageError("--id must be visible ASCII characters, without spaces");
  }
  const flow = toFlow(values.flow);
  const algorithm = toAlgorithm(values.algorithm ?? "sha256", "--algorithm");
  const retry = values.retry === undefined ? 0 : toWholeNumber(values.retry, "--retry", 0, 1000);
  const seconds =
    values.timeout === undefined ? 10 : toWholeNumber(values.timeout, "--timeout", 1, 3600);
  const secret = await readOneSecret("send", tokens, io);
  const payload = values.payload === undefined ? undefined : await readInput(values.payload, io);
  const event = payload === undefined ? (values.event ?? (SAMPLE_EVENTS[0] as string)) : undefined;

  const result = await sendDelivery({
    url: url.href,
    secret,
    event,
    payload,
    header: values.header,
    algorithm,
    tamper: values.tamper ?? false,
    retry,
    id: values.id,
    flow,
    timeoutMs: seconds * 1000,
  });
  const what = event ?? `${values.payload === "-" ? "stdin" : values.payload}`;
  const tampered = values.tamper ? ", tampered after signing" : "";
  io.stdout.write(
    `POST ${url.href} ${what}${tampered} (id ${result.id}, retry ${retry}, ${flow})\n`,
  );
  io.stdout.write(`HTTP ${result.status} ${STATUS_CODES[result.status] ?? ""}`.trimEnd() + "\n");
  if (result.body !== "")
    io.stdout.write(result.body.endsWith("\n") ? result.body : `${result.body}\n`);
  return result.status >= 200 && result.status < 300 ? EXIT.ok : EXIT.failed;
}

function toFlow(value: string | undefined): string {
  if (value === undefined) return "Primary";
  const lower = value.toLowerCase();
  if (lower === "primary") return "Primary";
  if (lower === "secondary") return "Secondary";
  throw new UsageError(`--flow must be Primary or Secondary, not "${value}"`);
}
