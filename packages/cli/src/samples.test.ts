import { isJiraEvent } from "@hubsig/core/jira";
import { JIRA_EVENT_NAMES, jiraSamplePayload } from "@hubsig/core/testing";
import { describe, expect, it } from "vitest";
import { SAMPLE_EVENTS, samplePayload } from "./samples.js";

type Json = Record<string, any>;

async function sample(event: string, timestamp?: number): Promise<Json> {
  return JSON.parse(new TextDecoder().decode(await samplePayload(event, { timestamp })));
}

describe("Jira samples", () => {
  it("offers every Jira event, issue_created first: the samples of @hubsig/core/testing", () => {
    expect(SAMPLE_EVENTS).toBe(JIRA_EVENT_NAMES);
    expect(SAMPLE_EVENTS).toHaveLength(36);
    expect(SAMPLE_EVENTS[0]).toBe("jira:issue_created");
    expect(Object.isFrozen(SAMPLE_EVENTS)).toBe(true);
  });

  it.each(SAMPLE_EVENTS)(
    "%s is a Jira-shaped delivery of that event, timestamped now",
    async (event) => {
      const before = Date.now();
      const body = await sample(event);
      expect(isJiraEvent(body, event as (typeof JIRA_EVENT_NAMES)[number])).toBe(true);
      expect(Number.isInteger(body.timestamp)).toBe(true);
      expect(body.timestamp).toBeGreaterThanOrEqual(before);
      expect(body.timestamp).toBeLessThanOrEqual(Date.now());
    },
  );

  it("is the core sample as compact UTF-8 JSON, the same bytes for the same timestamp", async () => {
    const at = Date.UTC(2024, 10, 28, 10, 15, 2, 118);
    const bytes = await samplePayload("comment_created", { timestamp: at });
    const expected = JSON.stringify(jiraSamplePayload("comment_created", { timestamp: at }));
    expect(new TextDecoder().decode(bytes)).toBe(expected);
    expect(Buffer.from(bytes).equals(Buffer.from(expected, "utf8"))).toBe(true);
    expect(await samplePayload("comment_created", { timestamp: at })).toEqual(bytes);
    expect(new TextDecoder().decode(bytes)).not.toMatch(/\n/);
  });

  it("issue events carry the acting user, the event type and a changelog", async () => {
    const created = await sample("jira:issue_created");
    expect(created.issue_event_type_name).toBe("issue_created");
    expect(created.user).toMatchObject({
      accountId: expect.any(String),
      displayName: "Mia Krystof",
    });
    expect(created.issue).toMatchObject({ key: "OPS-142", fields: { issuetype: { name: "Bug" } } });
    const updated = await sample("jira:issue_updated");
    expect(updated.changelog.items.map((item: Json) => item.fieldId)).toEqual([
      "assignee",
      "status",
    ]);
    expect(updated.changelog.items[1]).toMatchObject({
      fromString: "To Do",
      toString: "In Progress",
    });
  });

  it("the comment carries an author and non-ASCII text: emoji, CJK and accented Latin", async () => {
    const { comment } = await sample("comment_created");
    expect(comment.author.displayName).toBe("佐藤 浩");
    expect(comment.body).toMatch(/\p{Extended_Pictographic}/u);
    expect(comment.body).toMatch(/\p{Script=Han}/u);
    expect(comment.body).toMatch(/[éëè]/);
  });

  it.each(["issue_created", "constructor", "__proto__", "", "JIRA:ISSUE_CREATED"])(
    "rejects %j",
    async (event) => {
      await expect(samplePayload(event)).rejects.toThrow(RangeError);
      await expect(samplePayload(event)).rejects.toThrow(`no sample for event "${event}"`);
    },
  );
});
