/**
 * The `webhookEvent` of a parsed payload, or `undefined` when the payload is not a plain object
 * whose own `webhookEvent` is a string. Internal: shared by `isJiraEvent` and the router.
 *
 * @example
 * ```ts
 * webhookEventOf({ webhookEvent: "sprint_started" }); // "sprint_started"
 * webhookEventOf(undefined); // undefined: an "Exclude body" delivery has no payload
 * ```
 */
export function webhookEventOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return undefined;
  // Own property only: JSON.parse never produces inherited keys, so an inherited one means the
  // value did not come from a delivery body.
  if (!Object.hasOwn(payload, "webhookEvent")) return undefined;
  const name = (payload as { webhookEvent: unknown }).webhookEvent;
  return typeof name === "string" ? name : undefined;
}
