import { type WebhookFailure, webhookFailure } from "@hubsig/core/request";
import type { HonoRequest } from "hono";

/**
 * The sentence a 500 `body_unavailable` answer ends with: where to mount the middleware so that
 * it reads the body first.
 *
 * @example
 * ```ts
 * expect(body.message).toContain(MOUNT_ORDER_FIX);
 * ```
 */
export const MOUNT_ORDER_FIX =
  'Mount verifyWebhook() before any validator or middleware that reads the body of this route (validator("json", ...), c.req.json(), c.req.parseBody()); the ones after it read the verified body from Hono\'s body cache.';

/**
 * The 500 `body_unavailable` failure when something before the middleware read the body: the raw
 * stream is used up, and whatever Hono's body cache holds (a parsed object, a decoded text) may
 * not give back the bytes that were signed, so it is never verified.
 */
export function bodyAlreadyRead(req: HonoRequest): WebhookFailure | undefined {
  if (!req.raw.bodyUsed && !hasCachedBody(req)) return undefined;
  return webhookFailure(
    "body_unavailable",
    `The request body was read before verifyWebhook() ran, so the bytes as received are gone. ${MOUNT_ORDER_FIX}`,
  );
}

/**
 * Leaves the verified bytes where Hono's own body methods look first: `c.req.arrayBuffer()`
 * returns them, and `text()`, `json()`, `blob()` and `parseBody()` are built from them, never
 * from the parsed payload. Only the bytes are cached: Hono turns a cached `json` object back
 * into text with `JSON.stringify`, which is not what was signed.
 */
export function keepBody(req: HonoRequest, rawBody: Uint8Array): void {
  // Hono types the cache by value but keeps promises in it, as `raw.arrayBuffer()` returns.
  (req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }).arrayBuffer = Promise.resolve(
    ownBuffer(rawBody),
  );
}

function hasCachedBody(req: HonoRequest): boolean {
  for (const _ in req.bodyCache) return true;
  return false;
}

// A chunk may be a view into a larger pooled buffer (Node's HTTP parser hands those out): the
// cache gets exactly the body's bytes.
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength &&
    buffer instanceof ArrayBuffer
  )
    return buffer;
  return bytes.slice().buffer;
}
