import { JIRA_EVENT_NAMES, jiraSamplePayload } from "@hubsig/core/testing";

/**
 * Every Jira webhook event, each with a realistic sample from `@hubsig/core/testing`; the first,
 * `jira:issue_created`, is the default of `hubsig send` and {@link sendDelivery}.
 *
 * @example
 * ```ts
 * import { SAMPLE_EVENTS } from "@hubsig/cli";
 *
 * console.log(SAMPLE_EVENTS.length, SAMPLE_EVENTS[0]); // 36 "jira:issue_created"
 * ```
 */
export const SAMPLE_EVENTS: readonly string[] = JIRA_EVENT_NAMES;

/**
 * The bytes of a sample Jira payload for `event`, as Jira sends it: compact JSON in UTF-8, with a
 * `timestamp` of now (or `options.timestamp`, which makes the bytes reproducible). The samples are
 * `@hubsig/core/testing`'s. Rejects with a `RangeError` for an event without a sample.
 *
 * @example
 * ```ts
 * import { sign } from "@hubsig/core";
 * import { samplePayload } from "@hubsig/cli";
 *
 * const body = await samplePayload("comment_created");
 * const header = await sign(body, "It's a Secret to Everybody");
 * ```
 */
export async function samplePayload(
  event: string,
  options: { timestamp?: number } = {},
): Promise<Uint8Array> {
  if (!(SAMPLE_EVENTS as readonly unknown[]).includes(event)) {
    throw new RangeError(
      `hubsig: no sample for event "${event}" (samples: ${SAMPLE_EVENTS.join(", ")})`,
    );
  }
  const payload = jiraSamplePayload(event as (typeof JIRA_EVENT_NAMES)[number], options);
  return new TextEncoder().encode(JSON.stringify(payload));
}
