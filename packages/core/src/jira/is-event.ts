import type { JiraEventName, JiraEventOf } from "./events.ts";
import { webhookEventOf } from "./webhook-event-of.ts";

/**
 * Narrows a parsed payload to one Jira event. It checks only that the payload is a plain
 * object whose own `webhookEvent` is `name`: the signature check is what makes the rest
 * trustworthy, so verify first.
 *
 * @example
 * ```ts
 * import { isJiraEvent } from "@hubsig/core/jira";
 *
 * if (isJiraEvent(req.body, "jira:issue_updated")) {
 *   for (const item of req.body.changelog?.items ?? []) console.log(item.field, item.toString);
 * }
 * ```
 */
export function isJiraEvent<N extends JiraEventName>(
  payload: unknown,
  name: N,
): payload is JiraEventOf<N> {
  return webhookEventOf(payload) === name;
}

/**
 * Narrows a parsed payload to any of several Jira events.
 *
 * @example
 * ```ts
 * import { isJiraEventOf } from "@hubsig/core/jira";
 *
 * if (isJiraEventOf(body, ["comment_created", "comment_updated"])) {
 *   console.log(body.issue.key, body.comment.body);
 * }
 * ```
 */
export function isJiraEventOf<const N extends readonly JiraEventName[]>(
  payload: unknown,
  names: N,
): payload is JiraEventOf<N[number]> {
  const name = webhookEventOf(payload);
  return name !== undefined && (names as readonly string[]).includes(name);
}
