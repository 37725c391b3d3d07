import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { JiraEventName } from "./events.ts";
import { isJiraEvent, isJiraEventOf } from "./is-event.ts";

// Parsed the way an adapter parses a delivery body, so the tests see what handlers see.
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/${name}.json`, import.meta.url), "utf8"));

describe("isJiraEvent", () => {
  it("accepts a real issue update under its own name", () => {
    const payload = fixture("jira-issue-updated");
    expect(isJiraEvent(payload, "jira:issue_updated")).toBe(true);
    if (!isJiraEvent(payload, "jira:issue_updated")) throw new Error("unreachable");
    expect(payload.changelog?.items.map((item) => item.field)).toEqual([
      "status",
      "assignee",
      "Story Points",
    ]);
    expect(payload.issue.fields.customfield_10016).toBe(3);
  });

  it("accepts a real comment under its own name", () => {
    const payload = fixture("jira-comment-created");
    expect(isJiraEvent(payload, "comment_created")).toBe(true);
    if (!isJiraEvent(payload, "comment_created")) throw new Error("unreachable");
    expect(payload.comment.body).toMatch(/^Reproduced/);
  });

  it.each<[string, JiraEventName]>([
    ["jira-issue-updated", "jira:issue_created"],
    ["jira-issue-updated", "comment_created"],
    ["jira-comment-created", "comment_updated"],
    ["jira-comment-created", "jira:issue_updated"],
  ])("rejects %s under another name (%s)", (file, name) => {
    expect(isJiraEvent(fixture(file), name)).toBe(false);
  });

  const hostile: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["the name as a bare string", "sprint_started"],
    ["a number", 42],
    ["a boolean", true],
    ["a function with the property", Object.assign(() => {}, { webhookEvent: "sprint_started" })],
    ["an array holding the payload", [{ webhookEvent: "sprint_started" }]],
    ["an array with the property", Object.assign([], { webhookEvent: "sprint_started" })],
    ["an empty object", {}],
    ["a missing name", { timestamp: 1, sprint: {} }],
    ["a null name", { webhookEvent: null }],
    ["a boxed string name", { webhookEvent: new String("sprint_started") }],
    ["a name array", { webhookEvent: ["sprint_started"] }],
    ["a differently cased name", { webhookEvent: "Sprint_Started" }],
    ["a padded name", { webhookEvent: " sprint_started" }],
    ["an inherited name", Object.create({ webhookEvent: "sprint_started" })],
  ];

  it.each(hostile)("rejects %s", (_label, payload) => {
    expect(isJiraEvent(payload, "sprint_started")).toBe(false);
    expect(isJiraEventOf(payload, ["sprint_started", "sprint_closed"])).toBe(false);
  });

  it("accepts an object without a prototype, as some body parsers build", () => {
    const payload = Object.assign(Object.create(null), { webhookEvent: "sprint_started" });
    expect(isJiraEvent(payload, "sprint_started")).toBe(true);
  });
});

describe("isJiraEventOf", () => {
  it("accepts a payload whose name is one of the list", () => {
    const payload = fixture("jira-comment-created");
    expect(isJiraEventOf(payload, ["comment_created", "comment_updated"])).toBe(true);
    expect(isJiraEventOf(payload, ["comment_updated", "comment_created"])).toBe(true);
  });

  it("rejects a payload whose name is not in the list", () => {
    const payload = fixture("jira-comment-created");
    expect(isJiraEventOf(payload, ["comment_updated", "comment_deleted"])).toBe(false);
    expect(isJiraEventOf(payload, [])).toBe(false);
  });
});
