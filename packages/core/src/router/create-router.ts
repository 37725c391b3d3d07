import type { JiraWebhookEvent } from "../jira/events.ts";
import { webhookEventOf } from "../jira/webhook-event-of.ts";
import type { VerifiedWebhook } from "../request/webhook.ts";
import { settleAll } from "./settle-all.ts";
import type { AnyEventHandler, EventHandler, Router, RouterOptions } from "./types.ts";

// Stored without the narrowed event type: routing guarantees the narrowing at run time.
type StoredHandler = (event: unknown, webhook: VerifiedWebhook<unknown>) => unknown;

/**
 * Creates an event router, typed over Jira Cloud's events by default. Give another sender's
 * union as `E` and, unless its payloads carry `webhookEvent`, an `eventName` that reads the name.
 *
 * @example
 * ```ts
 * import { createRouter } from "@hubsig/core/router";
 *
 * const router = createRouter()
 *   .on("jira:issue_updated", async (event, webhook) => {
 *     console.log(event.issue.key, event.changelog?.items.map((item) => item.field), webhook.delivery.id);
 *   })
 *   .on(["comment_created", "comment_updated"], (event) => console.log(event.comment.body))
 *   .onUnhandled((_event, _webhook, name) => console.log(`no handler for ${name ?? "this delivery"}`));
 *
 * // In any adapter's route, with the VerifiedWebhook it hands over:
 * await router.dispatch(webhook); // rejects with an AggregateError when a handler fails: answer 500
 * ```
 *
 * @example
 * ```ts
 * // Another sender: Bitbucket Cloud names its events in the payload's `eventKey` here.
 * type BitbucketEvent =
 *   | { eventKey: "repo:push"; push: { changes: unknown[] } }
 *   | { eventKey: "pullrequest:created"; pullrequest: { id: number; title: string } };
 *
 * const bitbucket = createRouter<BitbucketEvent>({
 *   eventName: (payload) => (payload as { eventKey?: string } | undefined)?.eventKey,
 * }).on("pullrequest:created", (event) => console.log(event.pullrequest.title));
 * ```
 */
export function createRouter<E = JiraWebhookEvent>(options: RouterOptions = {}): Router<E> {
  const eventName = options.eventName ?? webhookEventOf;
  if (typeof eventName !== "function") {
    throw new TypeError("hubsig: `eventName` must be a function (payload, webhook) => string");
  }
  // A Map, not an object: a name such as "constructor" or "__proto__" must not find anything.
  const byName = new Map<string, StoredHandler[]>();
  const any: AnyEventHandler[] = [];
  const unhandled: AnyEventHandler[] = [];

  const router: Router<E> = {
    on(name, handler) {
      assertHandler(handler, "on");
      const names = typeof name === "string" ? [name] : name;
      if (!Array.isArray(names) || names.length === 0) {
        throw new TypeError("hubsig: `on` needs an event name or a non-empty list of names");
      }
      for (const each of new Set<unknown>(names)) {
        if (typeof each !== "string" || each === "") {
          throw new TypeError(`hubsig: event names are non-empty strings, not ${describe(each)}`);
        }
      }
      for (const each of new Set<string>(names)) {
        const list = byName.get(each);
        if (list) list.push(handler as StoredHandler);
        else byName.set(each, [handler as StoredHandler]);
      }
      return router;
    },
    onAny(handler) {
      assertHandler(handler, "onAny");
      any.push(handler);
      return router;
    },
    onUnhandled(handler) {
      assertHandler(handler, "onUnhandled");
      unhandled.push(handler);
      return router;
    },
    async dispatch(webhook) {
      const { payload } = webhook;
      let name: string | undefined;
      try {
        const read: unknown = eventName(payload, webhook);
        name = typeof read === "string" && read !== "" ? read : undefined;
      } catch (error) {
        throw new AggregateError([error], "hubsig: the router's eventName threw");
      }
      // Copied now: a handler added while this delivery runs is for the next one.
      const matched = name === undefined ? [] : [...(byName.get(name) ?? [])];
      const tasks: (() => unknown)[] = matched.map((handler) => () => handler(payload, webhook));
      for (const handler of any) tasks.push(() => handler(payload, webhook, name));
      if (matched.length === 0) {
        for (const handler of unhandled) tasks.push(() => handler(payload, webhook, name));
      }
      const failures = await settleAll(tasks);
      if (failures.length > 0) {
        throw new AggregateError(
          failures,
          `hubsig: ${failures.length} of ${tasks.length} handlers failed on ${name ?? "a delivery without an event name"}`,
        );
      }
    },
  };
  return router;
}

function assertHandler(handler: unknown, method: string): asserts handler is EventHandler<never> {
  if (typeof handler !== "function") {
    throw new TypeError(`hubsig: \`${method}\` needs a handler function, not ${describe(handler)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}
