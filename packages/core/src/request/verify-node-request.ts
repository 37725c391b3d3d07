import type { Verifier } from "../verify/types.ts";
import { ClientAbortError } from "./client-abort.ts";
import { webhookFailure } from "./failure.ts";
import { concat, tooLarge } from "./read-body.ts";
import { verifyDelivery } from "./verify-delivery.ts";
import { refuseEncoding } from "./verify-request.ts";
import {
  DEFAULT_MAX_BODY_BYTES,
  type RequestOptions,
  type WebhookFailure,
  type WebhookOutcome,
} from "./webhook.ts";

/**
 * The parts of Node's `IncomingMessage` that the pipeline reads. Declared here so that the core
 * needs no Node types and still runs everywhere.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from "node:http";
 * const message: NodeRequestLike = req satisfies IncomingMessage;
 * ```
 */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  readableEnded?: boolean;
  on(event: string, listener: StreamListener): this;
  off(event: string, listener: StreamListener): this;
  pause(): unknown;
}

// EventEmitter's own listener type, so that IncomingMessage fits.
type StreamListener = (...args: any[]) => void;

/**
 * What a framework already did with the body before the adapter ran.
 *
 * @example
 * ```ts
 * const seen: BodyState = { raw: req.rawBody, parsed: req.body, fix: "Mount verifyWebhook before express.json()." };
 * ```
 */
export interface BodyState {
  /** Exact bytes another layer kept (`express.raw()` Buffer, `req.rawBody`, koa's `rawBody`). */
  raw?: unknown;
  /** `req.body` as another layer left it: a Buffer from a raw parser is used, anything else proves the stream is gone. */
  parsed?: unknown;
  /** One sentence telling the user how to make the raw bytes available. */
  fix: string;
}

/**
 * The adapter pipeline over a Node `IncomingMessage`, shared by the Express, Koa and Next.js
 * Pages Router adapters: refuse compressed bodies, take raw bytes another layer kept or read the
 * stream up to `maxBodyBytes`, then verify, parse JSON and read the delivery headers. When the
 * stream was consumed and no raw bytes were kept it answers 500 `body_unavailable` with
 * `state.fix`, at once: it never waits on a drained stream and never re-serializes. A consumed
 * stream whose `Content-Length` is 0 held no bytes, whatever a parser made of it: that is the
 * empty body Jira's "Exclude body" webhooks send, and it is verified over zero bytes.
 *
 * On a 413 the rest of the body is left unread: answer with `Connection: close`. A client that
 * closes the connection before its body ends rejects with a {@link ClientAbortError}.
 *
 * @example
 * ```ts
 * import { createVerifier } from "@hubsig/core";
 * import { verifyNodeRequest } from "@hubsig/core/request";
 *
 * const verifier = createVerifier({ secret: process.env.JIRA_WEBHOOK_SECRET! });
 * http.createServer(async (req, res) => {
 *   const outcome = await verifyNodeRequest(req, verifier, {}, { fix: "Read the body only here." });
 *   res.writeHead(outcome.ok ? 204 : outcome.status).end();
 * });
 * ```
 */
export async function verifyNodeRequest<T = unknown>(
  req: NodeRequestLike,
  verifier: Verifier,
  options: RequestOptions,
  state: BodyState,
): Promise<WebhookOutcome<T>> {
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  const refused = refuseEncoding(header("content-encoding"));
  if (refused) return refused;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const consumed = req.readableEnded === true;
  let body = keptBytes(state.raw, consumed) ?? keptBytes(state.parsed, consumed, false);
  if (!body) {
    if (consumed || (state.parsed !== undefined && !isEmptyObject(state.parsed))) {
      if (!declaresEmpty(header)) {
        return webhookFailure(
          "body_unavailable",
          `The raw request body is not available: another middleware read or parsed it first, and a parsed body cannot be verified. ${state.fix}`,
        );
      }
      body = new Uint8Array(0);
    } else {
      if (Number(header("content-length")) > maxBytes) return tooLarge(maxBytes);
      const read = await readStream(req, maxBytes);
      if (!read.ok) return read;
      body = read.body;
    }
  }
  if (body.byteLength > maxBytes) return tooLarge(maxBytes);
  return verifyDelivery<T>(body, header, verifier, options);
}

const utf8 = new TextEncoder();

// Bytes kept by another layer. A string is only taken from a raw-body slot, where it is the
// decoded body text (koa-bodyparser's rawBody); its UTF-8 bytes are the bytes received. An empty
// value is only believed once the stream was read: a layer may set it before reading.
function keptBytes(value: unknown, consumed: boolean, text = true): Uint8Array | undefined {
  const bytes =
    value instanceof Uint8Array
      ? value
      : text && typeof value === "string"
        ? utf8.encode(value)
        : undefined;
  return bytes && (bytes.byteLength > 0 || consumed) ? bytes : undefined;
}

// A body framed as zero bytes: `Content-Length: 0` and no chunked transfer coding.
function declaresEmpty(header: (name: string) => string | undefined): boolean {
  return header("content-length")?.trim() === "0" && !header("transfer-encoding");
}

// Express 4's body parsers set `req.body = {}` when they skip a request without reading it.
function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.keys(value).length === 0
  );
}

// Read with events rather than the stream's async iterator: it costs less per request, and
// stopping at the limit only pauses the stream, where the iterator's return() would destroy the
// socket before the 413 is sent. The unread rest is left for the adapter to close.
function readStream(
  req: NodeRequestLike,
  maxBytes: number,
): Promise<{ ok: true; body: Uint8Array } | WebhookFailure> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let total = 0;
    const settle = (finish: () => void) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      finish();
    };
    const onData = (chunk: unknown) => {
      if (!(chunk instanceof Uint8Array)) {
        settle(() =>
          reject(
            new TypeError("hubsig: body chunks must be bytes (was an encoding set on the stream?)"),
          ),
        );
      } else if ((total += chunk.byteLength) > maxBytes) {
        req.pause();
        settle(() => resolve(tooLarge(maxBytes)));
      } else parts.push(chunk);
    };
    const onEnd = () => settle(() => resolve({ ok: true, body: concat(parts, total) }));
    // A request stream errors only when its connection does ("aborted", ECONNRESET).
    const onError = (error: unknown) => settle(() => reject(new ClientAbortError(error)));
    const onClose = () => settle(() => reject(new ClientAbortError()));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
