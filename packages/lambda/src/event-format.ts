import type { HeaderLookup } from "@hubsig/core/request";

/** The content type of every answer the handler writes itself (refusals and duplicates). */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * How one event format is read and answered: one module per format (api-gateway.ts,
 * api-gateway-v2.ts, alb.ts) implements it, and handler.ts picks the module by the event's shape.
 */
export interface EventFormat<E, R> {
  /** A lookup over the event's headers, by lowercase name, whatever case they arrived in. */
  headers(event: E): HeaderLookup;
  /** The proxy result for an answer of the handler's own: JSON `body` with `status`. */
  answer(event: E, status: number, body: string): R;
  /**
   * The status the service answers for what the route returned, so that `dedupe` settles the
   * delivery as the sender will see it; a result the service cannot read is its 502.
   */
  answeredStatus(result: unknown): number;
}

/** `result.statusCode` when it is a status, else `undefined`. */
export function statusCodeOf(result: unknown): number | undefined {
  const status = (result as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === "number" && Number.isInteger(status) ? status : undefined;
}
