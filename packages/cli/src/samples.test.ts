import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { SAMPLE_EVENTS, samplePayload } from "./samples.js";

type Json = Record<string, any>;

async function sample(event: string): Promise<Json> {
  return JSON.parse(new TextDecoder().decode(await samplePayload(event)));
}

describe("bundled Jira samples", () => {
  it("lists the three events, issue_created first", () => {
    expect(SAMPLE_EVENTS).toEqual(["jira:issue_created", "jira:issue_updated", "comment_created"]);
    expect(Object.isFrozen(SAMPLE_EVENTS)).toBe(true);
  });

  it.each(SAMPLE_EVENTS)("%s is a Jira-shaped delivery of that event", async (event) => {
    const body = await sample(event);
    expect(body.webhookEvent).toBe(event);
    expect(Number.isInteger(body.timestamp)).toBe(true);
    expect(body.issue).toMatchObject({ id: expect.any(String), key: "OPS-142" });
    expect(body.issue.fields).toMatchObject({
      summary: expect.any(String),
      project: { key: "OPS" },
      issuetype: { name: "Bug" },
      status: { name: expect.any(String) },
    });
  });

  it("issue events carry the acting user, the event type and a changelog", async () => {
    const created = await sample("jira:issue_created");
    expect(created.issue_event_type_name).toBe("issue_created");
    expect(created.user).toMatchObject({
      accountId: expect.any(String),
      displayName: "Mia Krystof",
    });
    const updated = await sample("jira:issue_updated");
    expect(updated.issue_event_type_name).toBe("issue_generic");
    expect(updated.changelog.items.map((item: Json) => item.field)).toEqual([
      "assignee",
      "priority",
      "status",
    ]);
    expect(updated.changelog.items[2]).toMatchObject({
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

  it("returns the file's exact bytes", async () => {
    const file = await readFile(new URL("../samples/comment_created.json", import.meta.url));
    expect(Buffer.from(await samplePayload("comment_created")).equals(file)).toBe(true);
  });

  it.each(["issue_created", "constructor", "__proto__", ""])("rejects %j", async (event) => {
    await expect(samplePayload(event)).rejects.toThrow(RangeError);
  });
});
