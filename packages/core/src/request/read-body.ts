import { webhookFailure } from "./failure.ts";
import type { WebhookFailure } from "./webhook.ts";

/**
 * Reads a body from its chunks, at most `maxBytes`. It stops pulling as soon as the total passes
 * the limit (after at most `maxBytes` + one chunk) and calls the iterator's `return()`, so the
 * rest is never buffered. Node adapters share it over `IncomingMessage`; `verifyRequest` uses it
 * over a `ReadableStream`.
 *
 * @example
 * ```ts
 * import { readBody } from "@hubsig/core/request";
 *
 * const read = await readBody(req, 1024 * 1024);
 * if (!read.ok) return res.status(read.status).end(read.message);
 * const rawBody: Uint8Array = read.body;
 * ```
 */
export async function readBody(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<{ ok: true; body: Uint8Array } | WebhookFailure> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError("hubsig: body chunks must be bytes (was an encoding set on the stream?)");
    }
    total += chunk.byteLength;
    if (total > maxBytes) return tooLarge(maxBytes); // leaving the loop calls return()
    parts.push(chunk);
  }
  return { ok: true, body: concat(parts, total) };
}

/**
 * The 413 failure for a body over `maxBytes`, also used when `Content-Length` already says so.
 *
 * @example
 * ```ts
 * if (Number(req.headers["content-length"]) > limit) return send(tooLarge(limit));
 * ```
 */
export function tooLarge(maxBytes: number): WebhookFailure {
  return webhookFailure(
    "body_too_large",
    `The body is larger than the limit of ${maxBytes} bytes.`,
  );
}

/** Joins chunks read in order; one chunk is returned as is. */
export function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
