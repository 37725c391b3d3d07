import type { Verifier } from "../verify/types.ts";
import { ClientAbortError, isBodyDisconnect } from "./client-abort.ts";
import { webhookFailure } from "./failure.ts";
import { readBody, tooLarge } from "./read-body.ts";
import { verifyDelivery } from "./verify-delivery.ts";
import {
  DEFAULT_MAX_BODY_BYTES,
  type RequestOptions,
  type WebhookFailure,
  type WebhookOutcome,
} from "./webhook.ts";

/**
 * The whole pipeline for a fetch-standard `Request` (Next.js route handlers, Deno, Bun,
 * Cloudflare Workers, Hono): refuse compressed bodies, read the body once up to
 * `maxBodyBytes` (a body whose `Content-Length` says more is refused unread; a chunked one is
 * read as a stream and refused once it passes the limit), verify, parse JSON, read the delivery
 * headers. Failures come back as values
 * with their HTTP status; turn them into a response with `failureResponse`. A body that breaks
 * off because the client went away (the request's `signal` is aborted, or the runtime reports
 * the lost connection) rejects with a {@link ClientAbortError}.
 *
 * @example
 * ```ts
 * import { createVerifier } from "@hubsig/core";
 * import { failureResponse, verifyRequest } from "@hubsig/core/request";
 *
 * const verifier = createVerifier({ secret: process.env.JIRA_WEBHOOK_SECRET! });
 *
 * export default {
 *   async fetch(request: Request): Promise<Response> {
 *     const outcome = await verifyRequest(request, verifier);
 *     if (!outcome.ok) return failureResponse(outcome);
 *     console.log(outcome.webhook.payload);
 *     return new Response(null, { status: 204 });
 *   },
 * };
 * ```
 */
export async function verifyRequest<T = unknown>(
  request: Request,
  verifier: Verifier,
  options: RequestOptions = {},
): Promise<WebhookOutcome<T>> {
  const header = (name: string) => request.headers.get(name);
  const refused = refuseEncoding(header("content-encoding"));
  if (refused) return refused;
  if (request.bodyUsed) {
    return webhookFailure(
      "body_unavailable",
      "The request body was already read before verification. Verify first, or pass request.clone().",
    );
  }
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Number(header("content-length")) > maxBytes) return tooLarge(maxBytes);
  let read: Awaited<ReturnType<typeof readBody>>;
  try {
    if (framedByLength(header)) read = await readFramed(request, maxBytes);
    else if (request.body) read = await readBody(streamChunks(request.body), maxBytes);
    else read = { ok: true, body: new Uint8Array(0) };
  } catch (error) {
    if (isBodyDisconnect(request, error)) throw new ClientAbortError(error);
    throw error;
  }
  if (!read.ok) return read;
  return verifyDelivery<T>(read.body, header, verifier, options);
}

/**
 * The 415 failure for a `Content-Encoding` other than identity: the signature covers the bytes
 * as sent, and hubsig does not decompress them.
 *
 * @example
 * ```ts
 * const refused = refuseEncoding(req.headers["content-encoding"]);
 * if (refused) return send(refused);
 * ```
 */
export function refuseEncoding(
  contentEncoding: string | null | undefined,
): WebhookFailure | undefined {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return undefined;
  return webhookFailure(
    "unsupported_encoding",
    "Compressed bodies are not accepted: the signature covers the bytes as sent. Send without Content-Encoding.",
  );
}

// A body framed by Content-Length ends where the header says on every HTTP server (Node, Deno,
// Bun and workerd stop reading there), and that length is within the limit, checked before.
// Such a body is read in one call, which is much cheaper than a stream read chunk by chunk
// (@hono/node-server then reads the socket directly instead of building a whole Request); what
// came is still checked against the limit. Chunked bodies are read as a stream, up to the limit.
function framedByLength(header: (name: string) => string | null): boolean {
  const declared = header("content-length");
  return declared !== null && /^\d+$/.test(declared) && header("transfer-encoding") === null;
}

async function readFramed(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: Uint8Array } | WebhookFailure> {
  const body = new Uint8Array(await request.arrayBuffer());
  return body.byteLength > maxBytes ? tooLarge(maxBytes) : { ok: true, body };
}

// ReadableStream is async-iterable in Node, Deno and Bun but not in every browser: read it
// through a reader, and cancel the stream when the caller stops early. The cancel is not
// awaited: a stream may settle it only once the client stops sending (Next.js's edge runtime
// does), and the 413 must not wait for that.
async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) reader.cancel().catch(() => {});
  }
}
