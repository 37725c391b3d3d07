import type { JiraComment } from "../../jira/entities.ts";
import type { JiraEventOf, JiraIssueEventName } from "../../jira/events.ts";
import { API, type Clock, HIRO, ISSUE_ID, issue, MIA, ZOE } from "./site.ts";

type Builders<N extends string> = {
  [K in N & JiraIssueEventName]: (clock: Clock) => JiraEventOf<K>;
};

/** `jira:issue_*`: created (Jira sends the fields it set as a changelog too), updated, deleted. */
export const ISSUE_EVENTS: Builders<JiraIssueEventName> = {
  "jira:issue_created": (clock) => ({
    timestamp: clock.now,
    webhookEvent: "jira:issue_created",
    issue_event_type_name: "issue_created",
    user: MIA,
    issue: issue(clock, { status: "To Do", assigned: false }),
    changelog: {
      id: "10950",
      items: [
        change("priority", null, null, "2", "High"),
        change("reporter", null, null, MIA.accountId, MIA.displayName, true),
        { ...change("Status", null, null, "10000", "To Do"), fieldId: "status" },
        change("summary", null, null, null, "Webhook deliveries rejected after secret rotation"),
      ],
    },
  }),
  "jira:issue_updated": (clock) => ({
    timestamp: clock.now,
    webhookEvent: "jira:issue_updated",
    issue_event_type_name: "issue_generic",
    user: ZOE,
    issue: issue(clock, { status: "In Progress", assigned: true }),
    changelog: {
      id: "10951",
      items: [
        change("assignee", null, null, ZOE.accountId, ZOE.displayName, true),
        { ...change("status", "10000", "To Do", "3", "In Progress"), fieldId: "status" },
      ],
    },
  }),
  "jira:issue_deleted": (clock) => ({
    timestamp: clock.now,
    webhookEvent: "jira:issue_deleted",
    issue_event_type_name: "issue_deleted",
    user: MIA,
    issue: issue(clock, { status: "In Progress", assigned: true }),
  }),
};

function change(
  field: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  isUser = false,
) {
  return {
    field,
    fieldtype: "jira",
    fieldId: field,
    from,
    fromString,
    to,
    toString,
    ...(isUser ? { tmpFromAccountId: from, tmpToAccountId: to } : {}),
  };
}

/** The comment the comment samples carry: emoji, CJK and accented Latin in its body. */
export function comment(clock: Clock): JiraComment {
  return {
    self: `${API}/issue/${ISSUE_ID}/comment/10231`,
    id: "10231",
    author: HIRO,
    body: "Reproduced on staging 🔍: the receiver hashes a re-serialized body, so « café » and 日本語のテキスト change bytes and the signature fails ❌. Fix deployed, deliveries pass again ✅ — merci, Zoë! 🎉",
    updateAuthor: HIRO,
    created: clock.date(5),
    updated: clock.date(),
    jsdPublic: true,
  };
}
