/** The current secret the test servers are configured with. */
export const SECRET = "current-secret";

/** The previous secret, still accepted during a rotation. */
export const PREVIOUS = "previous-secret";

const JIRA_EVENT = {
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_updated",
  issue_event_type_name: "issue_generic",
  user: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Ångström" },
  issue: {
    id: "10002",
    key: "HUB-7",
    fields: { summary: "Signature check fails for 東京 team 🚀", labels: ["naïve", "日本語"] },
  },
  changelog: { items: [{ field: "status", fromString: "To Do", toString: "進行中 🔧" }] },
};

/**
 * A Jira-shaped delivery body with non-ASCII text (accents, CJK, emoji), as compact JSON.
 *
 * @example
 * const body = jiraBody("jira:issue_created");
 */
export function jiraBody(webhookEvent = JIRA_EVENT.webhookEvent): string {
  return JSON.stringify({ ...JIRA_EVENT, webhookEvent });
}

/**
 * A Jira-shaped delivery whose signed `timestamp` is `at` (default now), for replay tests: the
 * fixed {@link JIRA_BODY} is long past any replay window.
 *
 * @example
 * const body = freshJiraBody(Date.now() - 2 * 3_600_000); // two hours old
 */
export function freshJiraBody(at: number = Date.now()): string {
  return JSON.stringify({ ...JIRA_EVENT, timestamp: at });
}

/**
 * The `jira:issue_updated` delivery most tests send.
 *
 * @example
 * await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
 */
export const JIRA_BODY: string = jiraBody();

/**
 * The headers Jira Cloud sends beside the signature.
 *
 * @example
 * const headers = jiraHeaders("7f7d3c52-1a0e-4c1e-9d55-2f7f0e1c9a01", 1);
 */
export function jiraHeaders(
  identifier = "d3c1e4f0-1111-4222-8333-944455556666",
  retry = 2,
): Record<string, string> {
  return {
    "content-type": "application/json; charset=utf-8",
    "x-atlassian-webhook-identifier": identifier,
    "x-atlassian-webhook-retry": String(retry),
    "x-atlassian-webhook-flow": "Primary",
  };
}

/**
 * {@link jiraHeaders} with their defaults.
 *
 * @example
 * new Request(url, { method: "POST", body: JIRA_BODY, headers: JIRA_HEADERS });
 */
export const JIRA_HEADERS: Record<string, string> = jiraHeaders();

/**
 * Only the delivery identifier header, for dedupe tests.
 *
 * @example
 * const headers = { "x-hub-signature": await signed(JIRA_BODY), ...withId("d-1") };
 */
export function withId(identifier: string): Record<string, string> {
  return { "x-atlassian-webhook-identifier": identifier };
}
