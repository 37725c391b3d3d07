import { headerLookup } from "./headers.js";
import type { WebhookEvent } from "./types.js";

/**
 * A request header of an event, by name in any case, as the handler reads it: from
 * `multiValueHeaders` or `headers`, whatever case the service kept, repeated values joined with
 * ", " (for payload 2.0, `cookie` from `cookies`). For a `secret` function that picks the tenant by
 * a header, or an `onFailure` log line.
 *
 * @example
 * ```ts
 * import { eventHeader, withVerifiedWebhook } from "@hubsig/lambda";
 *
 * export const handler = withVerifiedWebhook(
 *   {
 *     secret: (event) => secrets.get(eventHeader(event, "x-tenant") ?? ""),
 *     onFailure: (failure, event) =>
 *       console.warn(failure.reason, eventHeader(event, "X-Atlassian-Webhook-Identifier")),
 *   },
 *   async () => ({ statusCode: 204 }),
 * );
 * ```
 */
export function eventHeader(event: WebhookEvent, name: string): string | undefined {
  return headerLookup(event)(name.toLowerCase()) ?? undefined;
}
