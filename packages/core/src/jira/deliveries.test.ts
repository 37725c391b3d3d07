// Captured Jira Cloud deliveries (test/deliveries/, sources in sources.json) against the types and
// isJiraEvent. The type assertions are checked by `tsc --noEmit`; the rest runs in vitest.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import discordIssueCreated from "../../test/deliveries/jira_issue_created.discord-jira-bot.json" with {
  type: "json",
};
import skillSyncIssueCreated from "../../test/deliveries/jira_issue_created.skill-sync.json" with {
  type: "json",
};
import skillSyncIssueUpdated from "../../test/deliveries/jira_issue_updated.skill-sync.json" with {
  type: "json",
};
import sources from "../../test/deliveries/sources.json" with { type: "json" };
import type { JiraEventName, JiraEventOf, JiraWebhookEvent } from "./events.ts";
import { isJiraEvent } from "./is-event.ts";

// A JSON import widens `webhookEvent` to `string`; everything else keeps the capture's shape.
type Received<T, N extends JiraEventName> = Omit<T, "webhookEvent"> & { webhookEvent: N };

const folder = new URL("../../test/deliveries/", import.meta.url);
const captured = (file: string): unknown => JSON.parse(readFileSync(new URL(file, folder), "utf8"));

describe("captured Jira Cloud deliveries", () => {
  const files = readdirSync(folder).filter(
    (file) => file.endsWith(".json") && file !== "sources.json",
  );

  it("records the source of every capture, and every source has its capture", () => {
    expect(Object.keys(sources).sort()).toEqual(files.sort());
    for (const source of Object.values(sources)) {
      expect(source.url).toBe(
        `https://github.com/${source.repository}/blob/${source.commit}/${source.path}`,
      );
      expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it.each(Object.entries(sources))("%s is the event it was captured as", (file, source) => {
    const payload = captured(file);
    expect(isJiraEvent(payload, source.event as JiraEventName)).toBe(true);
    const event = payload as JiraWebhookEvent;
    expect(Number.isSafeInteger(event.timestamp)).toBe(true);
    expect(event.user?.accountId).toMatch(/^[0-9a-f]+(:[0-9a-f-]+)?$/);
  });

  it("shows issue_created carrying a changelog, and changelog items naming the field by fieldId", () => {
    const created = captured("jira_issue_created.skill-sync.json");
    if (!isJiraEvent(created, "jira:issue_created")) throw new Error("not an issue_created");
    const status = created.changelog?.items.find((item) => item.fieldId === "status");
    expect(status).toMatchObject({ field: "Status", from: null, to: "10000", toString: "To Do" });
    expect(created.issue.fields.project.id).toBe("10000");
    expect(created.issue.fields.customfield_10019).toBe("0|i0001r:");
  });

  it("fits the types (checked by the typecheck)", () => {
    expectTypeOf<Received<typeof skillSyncIssueCreated, "jira:issue_created">>().toExtend<
      JiraEventOf<"jira:issue_created">
    >();
    expectTypeOf<Received<typeof skillSyncIssueUpdated, "jira:issue_updated">>().toExtend<
      JiraEventOf<"jira:issue_updated">
    >();
    expectTypeOf<Received<typeof discordIssueCreated, "jira:issue_created">>().toExtend<
      JiraEventOf<"jira:issue_created">
    >();
    expectTypeOf<
      Received<typeof skillSyncIssueUpdated, "jira:issue_updated">
    >().toExtend<JiraWebhookEvent>();
    type AsSprint = Received<typeof skillSyncIssueUpdated, "sprint_started">;
    expectTypeOf<AsSprint>().not.toExtend<JiraWebhookEvent>();
    // @ts-expect-error an issue delivery is not a sprint event
    expectTypeOf<AsSprint>().toExtend<JiraWebhookEvent>();
  });
});
