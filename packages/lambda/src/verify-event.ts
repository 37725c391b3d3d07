import type { Verifier } from "@hubsig/core";
import {
  type HeaderLookup,
  type RequestOptions,
  refuseEncoding,
  verifyDelivery,
  type WebhookOutcome,
} from "@hubsig/core/request";
import { type EventBodyFields, eventBody } from "./body.js";

/**
 * The shared pipeline over an event whose bytes are already in hand: refuse a `Content-Encoding`
 * (415) and a body over the limit (413), then verify, parse JSON and read the delivery headers
 * with the core's `verifyDelivery`, as every adapter does.
 */
export async function verifyEvent<T>(
  event: EventBodyFields,
  header: HeaderLookup,
  verifier: Verifier,
  options: RequestOptions,
  maxBytes: number,
): Promise<WebhookOutcome<T>> {
  const refused = refuseEncoding(header("content-encoding"));
  if (refused) return refused;
  const read = eventBody(event, maxBytes);
  if (!read.ok) return read;
  return verifyDelivery<T>(read.body, header, verifier, options);
}
