import type { JiraEventName, JiraEventOf } from "../jira/events.ts";
import { SAMPLES } from "./samples/index.ts";
import { clockAt } from "./samples/site.ts";

/**
 * Every Jira webhook event name, `jira:issue_created` first: the events {@link jiraSamplePayload}
 * and `jiraDelivery` have a sample for.
 *
 * @example
 * ```ts
 * import { JIRA_EVENT_NAMES, jiraDelivery } from "@hubsig/core/testing";
 *
 * for (const event of JIRA_EVENT_NAMES) {
 *   const { body, headers } = await jiraDelivery({ secret: "test-secret", event });
 *   // post it to your receiver and check the answer
 * }
 * ```
 */
export const JIRA_EVENT_NAMES: readonly JiraEventName[] = Object.freeze(
  Object.keys(SAMPLES) as JiraEventName[],
);

/**
 * When a sample happened.
 *
 * @example
 * ```ts
 * const options: SampleOptions = { timestamp: Date.parse("2024-11-28T10:15:02.118Z") };
 * ```
 */
export interface SampleOptions {
  /** The payload's `timestamp` (milliseconds since the epoch), and the basis of its dates. Default now. */
  timestamp?: number;
}

/**
 * A new, realistic Jira Cloud payload for an event: the fields Jira sends, with ids, users that
 * have an `accountId`, and a numeric `timestamp` of now (or `options.timestamp`). The samples
 * describe one site, project `OPS` and issue `OPS-142`, and include text outside ASCII (a
 * receiver that re-encodes the body breaks its signature on it). Throws `RangeError` for a name
 * that is not a Jira event.
 *
 * @example
 * ```ts
 * import { jiraSamplePayload } from "@hubsig/core/testing";
 *
 * const event = jiraSamplePayload("sprint_started");
 * event.sprint.state; // "active"
 * ```
 */
export function jiraSamplePayload<N extends JiraEventName>(
  event: N,
  options: SampleOptions = {},
): JiraEventOf<N> {
  const build = Object.hasOwn(SAMPLES, event) ? SAMPLES[event] : undefined;
  if (build === undefined) {
    throw new RangeError(
      `hubsig: "${String(event)}" is not a Jira webhook event (one of ${JIRA_EVENT_NAMES.join(", ")})`,
    );
  }
  const timestamp = options.timestamp ?? Date.now();
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError(
      "hubsig: `timestamp` must be a whole number of milliseconds since the epoch",
    );
  }
  // The samples share their people and project: copy, so that a test changing one changes no other.
  return structuredClone(build(clockAt(timestamp)));
}
