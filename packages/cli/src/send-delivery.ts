import { randomUUID } from "node:crypto";
import { type Algorithm, type Secret, sign } from "@hubsig/core";
import { post } from "./post.js";
import { SAMPLE_EVENTS, samplePayload } from "./samples.js";
import { tamper as tamperWith } from "./tamper.js";

/**
 * What {@link sendDelivery} sends.
 *
 * @example
 * ```ts
 * const options: SendOptions = {
 *   url: "http://127.0.0.1:3000/webhooks/jira",
 *   secret: process.env.HUBSIG_SECRET!,
 *   event: "jira:issue_updated",
 * };
 * ```
 */
export interface SendOptions {
  /** Where to POST, `http:` or `https:`. */
  url: string;
  /** The webhook secret used to sign (a string stands for its UTF-8 bytes, as in Jira). */
  secret: Secret;
  /** The event to send a sample of, one of {@link SAMPLE_EVENTS}. Default `jira:issue_created`. */
  event?: string;
  /** The body to send instead of a sample (a string is sent as UTF-8). */
  payload?: Uint8Array | string;
  /** Signature header name. Default `X-Hub-Signature`. */
  header?: string;
  /** Signature method. Default `sha256`. */
  algorithm?: Algorithm;
  /** Change one byte of the body after signing, so that the signature no longer matches. */
  tamper?: boolean;
  /** `X-Atlassian-Webhook-Retry`. Default 0. */
  retry?: number;
  /** `X-Atlassian-Webhook-Identifier`. Default a random UUID. */
  id?: string;
  /** `X-Atlassian-Webhook-Flow`. Default `Primary`. */
  flow?: string;
  /** More headers, set last (they replace any of the above, names compared case-insensitively). */
  extraHeaders?: Record<string, string>;
  /** Send this signature header value instead of signing; `null` leaves the header out. */
  signatureOverride?: string | null;
  /** Give up when no complete answer arrived in this time. Default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * The receiver's answer to {@link sendDelivery}.
 *
 * @example
 * ```ts
 * const { status, body, id }: SendResult = await sendDelivery({ url, secret });
 * ```
 */
export interface SendResult {
  /** HTTP status code. */
  status: number;
  /** Response body as UTF-8 text (at most 1 MiB). */
  body: string;
  /** The `X-Atlassian-Webhook-Identifier` that was sent. */
  id: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * POSTs one signed delivery the way Jira Cloud sends one: the body (a sample of any Jira event,
 * or your payload) signed with the secret into `X-Hub-Signature: sha256=<hex>`, `Content-Type:
 * application/json`, and the unsigned `X-Atlassian-Webhook-Identifier`, `-Retry` and `-Flow`
 * headers. Resolves with whatever status the receiver answers, 4xx and 5xx included; rejects with
 * a `TypeError` for bad options and an `Error` (one line, starting "hubsig: ") when no answer
 * arrives: connection refused, unknown host, reset, timeout.
 *
 * @example
 * ```ts
 * import { sendDelivery } from "@hubsig/cli";
 *
 * const first = await sendDelivery({ url: "http://127.0.0.1:3000/webhooks", secret: "s3cret" });
 * // Jira retries with the same identifier and a higher retry count:
 * await sendDelivery({ url: "http://127.0.0.1:3000/webhooks", secret: "s3cret", id: first.id, retry: 1 });
 * // A forged delivery: the body changes after signing.
 * const forged = await sendDelivery({ url: "http://127.0.0.1:3000/webhooks", secret: "s3cret", tamper: true });
 * console.log(forged.status); // 401
 * ```
 */
export async function sendDelivery(options: SendOptions): Promise<SendResult> {
  const url = parseUrl(options.url);
  const retry = options.retry ?? 0;
  if (!Number.isSafeInteger(retry) || retry < 0) {
    throw new TypeError("hubsig: `retry` must be a whole number from 0");
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new TypeError("hubsig: `timeoutMs` must be a positive number");
  if (options.payload !== undefined && options.event !== undefined) {
    throw new TypeError("hubsig: give `event` or `payload`, not both");
  }
  const body =
    options.payload === undefined
      ? await samplePayload(options.event ?? (SAMPLE_EVENTS[0] as string))
      : typeof options.payload === "string"
        ? new TextEncoder().encode(options.payload)
        : options.payload;
  const signature =
    options.signatureOverride === undefined
      ? await sign(body, options.secret, options.algorithm ?? "sha256")
      : options.signatureOverride;
  const id = options.id ?? randomUUID();

  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
  set("Content-Type", "application/json");
  set("User-Agent", "hubsig-cli");
  if (signature !== null) set(options.header ?? "X-Hub-Signature", signature);
  set("X-Atlassian-Webhook-Identifier", id);
  set("X-Atlassian-Webhook-Retry", String(retry));
  set("X-Atlassian-Webhook-Flow", options.flow ?? "Primary");
  for (const [name, value] of Object.entries(options.extraHeaders ?? {})) set(name, value);

  const sent = options.tamper ? tamperWith(body) : body;
  try {
    const response = await post(url, sent, Object.fromEntries(headers.values()), timeoutMs);
    return { ...response, id };
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(`hubsig: ${message}`, { cause: (error as Error).cause ?? error });
  }
}

function parseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`hubsig: "${value}" is not a URL (expected http://host:port/path)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`hubsig: "${value}" is not an http: or https: URL`);
  }
  return url;
}
