import { IncomingMessage, ServerResponse } from "node:http";

// Express hands Nest Node's own objects; Fastify wraps them (`request.raw`, `reply.raw`). The
// pipeline reads the Node message, and dedupe watches the Node response.

/** The Node message under an Express request or a Fastify request. */
export function nodeRequestOf(request: unknown): IncomingMessage {
  if (request instanceof IncomingMessage) return request;
  const raw = (request as { raw?: unknown } | undefined)?.raw;
  if (raw instanceof IncomingMessage) return raw;
  throw new TypeError("hubsig: WebhookGuard runs on Nest's Express or Fastify platform only.");
}

/** The Node response under an Express response or a Fastify reply. */
export function nodeResponseOf(response: unknown): ServerResponse {
  if (response instanceof ServerResponse) return response;
  const raw = (response as { raw?: unknown } | undefined)?.raw;
  if (raw instanceof ServerResponse) return raw;
  throw new TypeError("hubsig: WebhookGuard runs on Nest's Express or Fastify platform only.");
}
