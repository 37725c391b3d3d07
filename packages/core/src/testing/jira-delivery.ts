import type { JiraEventName, JiraEventOf } from "../jira/events.ts";
import { sign } from "../verify/sign.ts";
import type { Algorithm, Secret } from "../verify/types.ts";
import { jiraSamplePayload } from "./sample-payload.ts";

/**
 * What {@link jiraDelivery} builds: the sample of `event` (default `jira:issue_created`), or your
 * `payload`, signed with `secret`.
 *
 * @example
 * ```ts
 * const options: JiraDeliveryOptions = { secret: "test-secret", event: "comment_created", retry: 1 };
 * ```
 */
export interface JiraDeliveryOptions<N extends JiraEventName = JiraEventName, P = unknown> {
  /** The webhook's secret (a string is its UTF-8 bytes, as in Jira). */
  secret: Secret;
  /** The event to sample. Default `jira:issue_created`. Not together with `payload`. */
  event?: N;
  /** Your own payload instead of a sample, sent as `JSON.stringify(payload)`. */
  payload?: P;
  /** `X-Atlassian-Webhook-Identifier`. Default a random UUID; a retry keeps the same one. */
  id?: string;
  /** `X-Atlassian-Webhook-Retry`: 0 (default) for the first attempt. */
  retry?: number;
  /** `X-Atlassian-Webhook-Flow`: `Primary` (default) or `Secondary`. */
  flow?: string;
  /** The signature's method. Default `sha256`, as Jira signs today. */
  algorithm?: Algorithm;
}

/**
 * A delivery ready to send: the exact body, the headers Jira sends with it, and the payload the
 * body holds (what a receiver's handler should see).
 *
 * @example
 * ```ts
 * const { body, headers, payload }: JiraDelivery<JiraEventOf<"sprint_started">> =
 *   await jiraDelivery({ secret, event: "sprint_started" });
 * ```
 */
export interface JiraDelivery<P = unknown> {
  /** Compact JSON, as Jira sends it. Signed as its UTF-8 bytes. */
  body: string;
  /**
   * `Content-Type: application/json`, `X-Hub-Signature: <method>=<lowercase hex>` and
   * `X-Atlassian-Webhook-Identifier`, `-Retry` and `-Flow`.
   */
  headers: Record<string, string>;
  payload: P;
}

/**
 * Builds a Jira Cloud delivery for your own tests, signed the way Jira signs: an HMAC of the
 * body's exact UTF-8 bytes keyed with the secret, sent as `X-Hub-Signature: sha256=<hex>`, with
 * Jira's delivery headers beside it. The body is a realistic sample of any Jira event (with a
 * `timestamp` of now) or the payload you give. Rejects with `TypeError` for bad options and
 * `RangeError` for an unknown event name.
 *
 * @example
 * ```ts
 * import { jiraDelivery } from "@hubsig/core/testing";
 *
 * const { body, headers, payload } = await jiraDelivery({ secret: "test-secret", event: "jira:issue_updated" });
 * const response = await fetch("http://127.0.0.1:3000/webhooks/jira", { method: "POST", body, headers });
 * console.log(response.status, payload.issue.key);
 *
 * // Jira's retry of the same delivery:
 * await jiraDelivery({ secret: "test-secret", payload, id: headers["X-Atlassian-Webhook-Identifier"], retry: 1 });
 * ```
 */
export async function jiraDelivery<N extends JiraEventName = "jira:issue_created">(
  options: JiraDeliveryOptions<N, undefined> & { payload?: undefined },
): Promise<JiraDelivery<JiraEventOf<N>>>;
export async function jiraDelivery<P>(
  options: JiraDeliveryOptions<never, P> & { payload: P; event?: undefined },
): Promise<JiraDelivery<P>>;
export async function jiraDelivery(options: JiraDeliveryOptions): Promise<JiraDelivery> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("hubsig: jiraDelivery needs options: { secret, event?, payload?, ... }");
  }
  const { event, payload: given, retry = 0, flow = "Primary", algorithm = "sha256" } = options;
  if (given !== undefined && event !== undefined) {
    throw new TypeError("hubsig: give `event` or `payload`, not both");
  }
  if (!Number.isSafeInteger(retry) || retry < 0) {
    throw new TypeError("hubsig: `retry` must be a whole number from 0");
  }
  const id = options.id ?? crypto.randomUUID();
  for (const [name, value] of [
    ["id", id],
    ["flow", flow],
  ] as const) {
    // Header values: no line breaks, no control characters, nothing empty.
    if (typeof value !== "string" || !/^[\x20-\x7e]+$/.test(value)) {
      throw new TypeError(
        `hubsig: \`${name}\` must be a non-empty header value of printable ASCII`,
      );
    }
  }
  const payload = given === undefined ? jiraSamplePayload(event ?? "jira:issue_created") : given;
  const body = JSON.stringify(payload);
  if (typeof body !== "string") {
    throw new TypeError(
      "hubsig: `payload` must be a JSON value (not a function, symbol or undefined)",
    );
  }
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Hub-Signature": await sign(body, options.secret, algorithm),
      "X-Atlassian-Webhook-Identifier": id,
      "X-Atlassian-Webhook-Retry": String(retry),
      "X-Atlassian-Webhook-Flow": flow,
    },
    // What a receiver parses from the body: a copy, so that changing it changes nothing sent.
    payload: JSON.parse(body),
  };
}
