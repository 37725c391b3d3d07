import { tooLarge, type WebhookFailure, webhookFailure } from "@hubsig/core/request";
import { decodeBase64Strict, decodedLength } from "./base64.js";

/** The body fields every event format shares. */
export interface EventBodyFields {
  body?: unknown;
  isBase64Encoded?: unknown;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextEncoder();

/**
 * The bytes a sender signed, from the event: a base64-encoded body is decoded, strictly, to its
 * bytes; a plain body is the UTF-8 text it is; no body (`null`, missing, `""`) is zero bytes,
 * as Jira's "Exclude body" webhooks sign. A body over `maxBytes` is refused before it is decoded
 * or encoded. A body that is not a string, or not valid base64 where the event says it is, was
 * changed by something between the service and this handler: 500 `body_unavailable`, so that
 * the sender retries once that is fixed.
 */
export function eventBody(
  event: EventBodyFields,
  maxBytes: number,
): { ok: true; body: Uint8Array } | WebhookFailure {
  const { body } = event;
  if (body === null || body === undefined || body === "") return { ok: true, body: EMPTY };
  if (typeof body !== "string") {
    return webhookFailure(
      "body_unavailable",
      "event.body is not the string Lambda delivers: a middleware parsed or replaced it before verification. Wrap the handler with withVerifiedWebhook before any body parser (middy's http-json-body-parser, for one).",
    );
  }
  if (event.isBase64Encoded === true) {
    const length = decodedLength(body);
    if (length !== undefined && length > maxBytes) return tooLarge(maxBytes);
    const bytes = decodeBase64Strict(body);
    if (!bytes) {
      return webhookFailure(
        "body_unavailable",
        "event.isBase64Encoded is true but event.body is not canonical padded base64, so the bytes the sender signed cannot be recovered. Check whatever built or changed the event.",
      );
    }
    return { ok: true, body: bytes };
  }
  // UTF-8 never takes fewer bytes than UTF-16 code units: a string this long is over the limit.
  if (body.length > maxBytes) return tooLarge(maxBytes);
  const bytes = utf8.encode(body);
  return bytes.byteLength > maxBytes ? tooLarge(maxBytes) : { ok: true, body: bytes };
}
