import { describe, expect, expectTypeOf, it } from "vitest";
import type { JiraUser } from "../jira/entities.ts";
import type { JiraEventName, JiraEventOf, JiraWebhookEvent } from "../jira/events.ts";
import { isJiraEvent } from "../jira/is-event.ts";
import { JIRA_EVENT_NAMES, jiraSamplePayload } from "./sample-payload.ts";

// Every user object anywhere in a payload: whatever holds an accountId.
function usersIn(value: unknown, found: JiraUser[] = []): JiraUser[] {
  if (Array.isArray(value)) for (const item of value) usersIn(item, found);
  else if (typeof value === "object" && value !== null) {
    if ("accountId" in value) found.push(value as JiraUser);
    for (const item of Object.values(value)) usersIn(item, found);
  }
  return found;
}

function datesIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) found.push(value);
  else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) datesIn(item, found);
  }
  return found;
}

describe("JIRA_EVENT_NAMES", () => {
  it("lists all 36 Jira event names once, jira:issue_created first, frozen", () => {
    expect(JIRA_EVENT_NAMES).toHaveLength(36);
    expect(new Set(JIRA_EVENT_NAMES).size).toBe(36);
    expect(JIRA_EVENT_NAMES[0]).toBe("jira:issue_created");
    expect(Object.isFrozen(JIRA_EVENT_NAMES)).toBe(true);
    expectTypeOf(JIRA_EVENT_NAMES).toEqualTypeOf<readonly JiraEventName[]>();
  });
});

describe("jiraSamplePayload", () => {
  it.each(JIRA_EVENT_NAMES)("%s: a realistic Jira Cloud payload of that event", (name) => {
    const before = Date.now();
    const payload = jiraSamplePayload(name);
    expect(isJiraEvent(payload, name)).toBe(true);
    expect(Number.isSafeInteger(payload.timestamp)).toBe(true);
    expect(payload.timestamp).toBeGreaterThanOrEqual(before);
    expect(payload.timestamp).toBeLessThanOrEqual(Date.now());
    // Plain JSON: what arrives is what was built.
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    const users = usersIn(payload);
    for (const user of users) {
      expect(user.accountId).toMatch(/^[0-9a-f]{24}$|^\d+:[0-9a-f-]{36}$/);
      expect(user.self).toBe(
        `https://acme.atlassian.net/rest/api/2/user?accountId=${encodeURIComponent(user.accountId)}`,
      );
      expect(user.active).toBe(true);
    }
    // Every event names who or what it concerns with ids.
    const entity = Object.entries(payload).find(
      ([key]) =>
        !["timestamp", "webhookEvent", "user", "issue_event_type_name", "changelog"].includes(key),
    );
    expect(entity, "an entity beside timestamp and webhookEvent").toBeDefined();
    expect(JSON.stringify(entity?.[1])).toMatch(/"id":("\d+"|\d+)/);
    // Jira's date format, and no date after the event.
    for (const date of datesIn(payload)) {
      expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    }
  });

  it("has the acting user on issue and project events, and authors on comments and worklogs", () => {
    expect(jiraSamplePayload("jira:issue_created").user?.displayName).toBe("Mia Krystof");
    expect(jiraSamplePayload("jira:issue_updated").user?.displayName).toBe("Zoë Lefèvre");
    expect(jiraSamplePayload("project_archived").user?.accountId).toBe("5b10ac8d82e05b22cc7d4ef5");
    expect(jiraSamplePayload("comment_created").comment.author.displayName).toBe("佐藤 浩");
    expect(jiraSamplePayload("worklog_created").worklog.author.accountId).toMatch(/^70121:/);
  });

  it("carries a changelog on issue updates, naming the changed fields", () => {
    const updated = jiraSamplePayload("jira:issue_updated");
    expect(updated.changelog?.items.map((item) => item.fieldId)).toEqual(["assignee", "status"]);
    expect(updated.changelog?.items[1]).toMatchObject({
      fromString: "To Do",
      toString: "In Progress",
    });
    expect(updated.issue.fields.assignee?.displayName).toBe("Zoë Lefèvre");
  });

  it("keeps text outside ASCII in the comment, to catch receivers that re-encode bodies", () => {
    const { comment } = jiraSamplePayload("comment_created");
    expect(comment.body).toMatch(/\p{Extended_Pictographic}/u);
    expect(comment.body).toMatch(/\p{Script=Han}/u);
    expect(comment.body).toMatch(/é/);
  });

  it("sends ids in the forms Jira uses: strings in issues, numbers in projects, sprints, links", () => {
    expect(jiraSamplePayload("jira:issue_created").issue.fields.project.id).toBe("10000");
    expect(jiraSamplePayload("project_created").project.id).toBe(10000);
    expect(jiraSamplePayload("sprint_started").sprint.id).toBe(37);
    expect(jiraSamplePayload("issuelink_created").issueLink.sourceIssueId).toBe(10142);
    expect(jiraSamplePayload("jira:version_released").version).toMatchObject({
      id: "10021",
      projectId: 10000,
    });
    expect(jiraSamplePayload("attachment_created").attachment.id).toBe(10017);
  });

  it("dates a sample at the timestamp it is given", () => {
    const at = Date.UTC(2024, 10, 28, 10, 15, 2, 118);
    const sprint = jiraSamplePayload("sprint_closed", { timestamp: at });
    expect(sprint.timestamp).toBe(at);
    expect(sprint.sprint.completeDate).toBe("2024-11-28T10:15:02.118+0000");
    expect(sprint.sprint.startDate).toBe("2024-11-14T10:15:02.118+0000");
    const released = jiraSamplePayload("jira:version_released", { timestamp: at });
    expect(released.version).toMatchObject({
      releaseDate: "2024-11-28",
      userReleaseDate: "28/Nov/24",
    });
    expect(jiraSamplePayload("sprint_started", { timestamp: at }).sprint.state).toBe("active");
  });

  it("builds a new object every time", () => {
    const first = jiraSamplePayload("jira:issue_updated");
    first.issue.fields.summary = "changed";
    (first.user as JiraUser).displayName = "changed";
    const second = jiraSamplePayload("jira:issue_updated");
    expect(second.issue.fields.summary).toBe("Webhook deliveries rejected after secret rotation");
    expect(second.user?.displayName).toBe("Zoë Lefèvre");
  });

  it("types the payload as the event", () => {
    expectTypeOf(jiraSamplePayload("sprint_started")).toEqualTypeOf<
      JiraEventOf<"sprint_started">
    >();
    expectTypeOf(jiraSamplePayload("comment_created").comment.id).toBeString();
    const name = "board_created" as JiraEventName;
    expectTypeOf(jiraSamplePayload(name)).toEqualTypeOf<JiraWebhookEvent>();
    // @ts-expect-error the REST API's name is not a webhook event
    expect(() => jiraSamplePayload("issue_created")).toThrow(RangeError);
  });

  it.each(["issue_created", "constructor", "__proto__", "toString", "", "JIRA:ISSUE_CREATED"])(
    "throws RangeError for %j",
    (name) => {
      expect(() => jiraSamplePayload(name as JiraEventName)).toThrow(RangeError);
    },
  );

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1"])(
    "throws TypeError for the timestamp %j",
    (timestamp) => {
      expect(() => jiraSamplePayload("sprint_started", { timestamp: timestamp as number })).toThrow(
        TypeError,
      );
    },
  );
});
