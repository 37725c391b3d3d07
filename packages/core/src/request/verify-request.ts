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
 * `maxBodyBytes`, verify, parse JSON, read the delivery headers. Failures come back as values
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
    read = request.body
      ? await readBody(streamChunks(request.body), maxBytes)
      : { ok: true as const, body: new Uint8Array(0) };
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
