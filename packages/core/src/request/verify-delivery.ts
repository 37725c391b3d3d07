import type { Verifier } from "../verify/types.ts";
import { decodeUtf8 } from "./decode-utf8.ts";
import { webhookFailure } from "./failure.ts";
import {
  DEFAULT_HEADER,
  type Delivery,
  type RequestOptions,
  type WebhookFailure,
  type WebhookOutcome,
} from "./webhook.ts";

/**
 * Looks a header up by lowercase name, like `Headers.get` or a Node `req.headers` index.
 *
 * @example
 * ```ts
 * const fromNode: HeaderLookup = (name) => req.headers[name] as string | undefined;
 * const fromFetch: HeaderLookup = (name) => request.headers.get(name);
 * ```
 */
export type HeaderLookup = (name: string) => string | null | undefined;

const lenientUtf8 = new TextDecoder();

/**
 * Steps 3 and 4 of the adapter pipeline, once the raw bytes are in hand: verify the signature
 * header, parse JSON, read the delivery headers. An empty body is no payload (`undefined`), not
 * invalid JSON: Jira's "Exclude body" webhooks send none, signed over zero bytes.
 *
 * @example
 * ```ts
 * import { verifyDelivery } from "@hubsig/core/request";
 *
 * const outcome = await verifyDelivery(rawBody, (name) => req.headers[name] as string, verifier);
 * if (outcome.ok) console.log(outcome.webhook.payload);
 * ```
 */
export async function verifyDelivery<T = unknown>(
  rawBody: Uint8Array,
  header: HeaderLookup,
  verifier: Verifier,
  options: RequestOptions = {},
): Promise<WebhookOutcome<T>> {
  const signature = header((options.header ?? DEFAULT_HEADER).toLowerCase());
  const result = await verifier.verify(rawBody, signature);
  if (!result.ok) return webhookFailure(result.reason, result.message);
  const parsed = parsePayload(rawBody, header("content-type"));
  if (!parsed.ok) return parsed;
  const { algorithm, secretIndex } = result;
  const delivery = readDelivery(header);
  return {
    ok: true,
    webhook: {
      payload: parsed.payload as T | undefined,
      rawBody,
      algorithm,
      secretIndex,
      delivery,
    },
    signature: normalized(signature as string, algorithm),
  };
}

/**
 * Jira's delivery headers. They are not signed: fit for logs and deduplication only.
 *
 * @example
 * ```ts
 * readDelivery((name) => request.headers.get(name)); // { id: "...", retry: 0, flow: "Primary" }
 * ```
 */
export function readDelivery(header: HeaderLookup): Delivery {
  const delivery: Delivery = { retry: 0 };
  const id = header("x-atlassian-webhook-identifier");
  const retry = header("x-atlassian-webhook-retry")?.trim();
  const flow = header("x-atlassian-webhook-flow");
  if (id) delivery.id = id;
  if (retry && /^\d{1,9}$/.test(retry)) delivery.retry = Number(retry);
  if (flow) delivery.flow = flow;
  return delivery;
}

// A body whose type is JSON, or that has no type (some senders omit it), is parsed as JSON;
// anything else is handed over as text.
function parsePayload(
  raw: Uint8Array,
  contentType: string | null | undefined,
): { ok: true; payload: unknown } | WebhookFailure {
  if (raw.byteLength === 0) return { ok: true, payload: undefined };
  if (contentType && !/json/i.test(contentType)) {
    return { ok: true, payload: lenientUtf8.decode(raw) };
  }
  try {
    return { ok: true, payload: JSON.parse(decodeUtf8(raw)) };
  } catch {
    return webhookFailure(
      "invalid_json",
      "The signature is valid but the body is not valid UTF-8 JSON.",
    );
  }
}

// The verified header as `method=<lowercase hex>`: the parser accepted it, so after the method
// and "=" come exactly the digest's hex digits, in any case, with surrounding blanks.
function normalized(header: string, algorithm: string): string {
  const value = header.trim();
  return `${algorithm}=${value.slice(value.indexOf("=") + 1).toLowerCase()}`;
}
