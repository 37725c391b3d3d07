import type { JiraWebhookEvent } from "../jira/events.ts";
import type { VerifiedWebhook } from "../request/webhook.ts";

// A union's discriminant: a key that every member has, with a string literal type in each
// (`webhookEvent` for Jira, `eventKey` for a Bitbucket-like union). Found by type, so that
// `createRouter<E>()` needs no second type argument.
type IsStringLiteral<T> = [T] extends [string] ? (string extends T ? false : true) : false;
type LiteralInEveryMember<E, K extends PropertyKey> = E extends unknown
  ? K extends keyof E
    ? IsStringLiteral<E[K]>
    : false
  : never;
type DiscriminantOf<E, Keys extends keyof E = keyof E> = Keys extends keyof E
  ? [LiteralInEveryMember<E, Keys>] extends [true]
    ? Keys
    : never
  : never;

/**
 * The event names a router over `E` accepts: the values of the union's discriminant (for Jira,
 * every `JiraEventName`). A union without one (its name lives elsewhere, read by `eventName`)
 * accepts any string.
 *
 * @example
 * ```ts
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 * import type { EventNameOf } from "@hubsig/core/router";
 *
 * const name: EventNameOf<JiraWebhookEvent> = "sprint_started"; // a JiraEventName
 * ```
 */
export type EventNameOf<E> = [DiscriminantOf<E>] extends [never]
  ? string
  : E[DiscriminantOf<E>] & string;

/**
 * The member (or members) of `E` that an event name `N` stands for: what an `on(N, ...)` handler
 * receives. A union without a discriminant gives the whole union.
 *
 * @example
 * ```ts
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 * import type { EventOf } from "@hubsig/core/router";
 *
 * type Started = EventOf<JiraWebhookEvent, "sprint_started">; // JiraSprintEvent<"sprint_started">
 * ```
 */
export type EventOf<E, N extends string> = [DiscriminantOf<E>] extends [never]
  ? E
  : DiscriminantOf<E> extends infer K extends PropertyKey
    ? K extends PropertyKey
      ? Extract<E, { [P in K]: N }>
      : never
    : never;

/**
 * A handler for the events an `on` call names. It gets the payload, narrowed to those events, and
 * the whole verified delivery (raw bytes, secret index, Jira's delivery headers). What it
 * returns is ignored; a promise is awaited.
 *
 * @example
 * ```ts
 * const onUpdate: EventHandler<JiraEventOf<"jira:issue_updated">> = async (event, webhook) => {
 *   console.log(event.issue.key, webhook.delivery.id);
 * };
 * ```
 */
export type EventHandler<Event> = (event: Event, webhook: VerifiedWebhook<Event>) => unknown;

/**
 * A handler for `onAny` and `onUnhandled`. They see every kind of delivery, including payloads
 * that are not events at all (an "Exclude body" webhook has no payload), so `event` is
 * `unknown`: narrow it with `isJiraEvent`. `name` is the event name the router read, or
 * `undefined` when it found none.
 *
 * @example
 * ```ts
 * const logAll: AnyEventHandler = (_event, webhook, name) =>
 *   console.log(name ?? "(no event name)", webhook.delivery.id);
 * ```
 */
export type AnyEventHandler = (
  event: unknown,
  webhook: VerifiedWebhook<unknown>,
  name: string | undefined,
) => unknown;

/**
 * How a router reads the event name of a delivery.
 *
 * @example
 * ```ts
 * const options: RouterOptions = {
 *   eventName: (payload) => (payload as { eventKey?: string } | undefined)?.eventKey,
 * };
 * ```
 */
export interface RouterOptions {
  /**
   * Returns the event name of a delivery, or `undefined` when it has none (the delivery then
   * goes to `onUnhandled`). A value that is not a string counts as none. Default: the payload's
   * own string `webhookEvent`, as Jira sends it.
   */
  eventName?: (payload: unknown, webhook: VerifiedWebhook<unknown>) => string | undefined;
}

/**
 * Routes verified deliveries to handlers by event name. Build it once at start-up, then call
 * `dispatch` from the route of any adapter.
 *
 * @example
 * ```ts
 * import { createRouter } from "@hubsig/core/router";
 *
 * const router: Router = createRouter()
 *   .on("jira:issue_created", (event) => console.log(event.issue.key))
 *   .onUnhandled((_event, _webhook, name) => console.log("ignored", name));
 * ```
 */
export interface Router<E = JiraWebhookEvent> {
  /**
   * Runs `handler` for deliveries of one event name, or of any name in a list (the handler then
   * gets the union of their payload types). Names are checked by the compiler; a name given
   * twice in one list still runs the handler once. Throws `TypeError` for an empty list or a
   * name that is not a non-empty string.
   */
  on<const N extends EventNameOf<E>>(
    name: N | readonly N[],
    handler: EventHandler<EventOf<E, N>>,
  ): Router<E>;
  /** Runs `handler` for every delivery, whatever its name, alongside the matching `on` handlers. */
  onAny(handler: AnyEventHandler): Router<E>;
  /**
   * Runs `handler` for deliveries that no `on` handler matched: events nobody subscribed to,
   * names Jira may add later, and payloads without an event name (no body, not an object, no
   * string `webhookEvent`).
   */
  onUnhandled(handler: AnyEventHandler): Router<E>;
  /**
   * Runs every handler the delivery matches, concurrently, and resolves once all of them are
   * done. If any throws or rejects, the promise rejects with an `AggregateError` whose `errors`
   * holds every failure (one or more), after all handlers have settled, so that the adapter
   * answers 500 and Jira retries. A delivery without an event name never makes it reject by
   * itself.
   */
  dispatch(webhook: VerifiedWebhook<unknown>): Promise<void>;
}
