// Type tests: `expectTypeOf` does nothing at run time, so these assertions are checked by
// `tsc --noEmit` (the package typecheck covers src). The `@ts-expect-error` lines prove they bite:
// if an assertion that must fail ever passed, the unused directive would fail the typecheck.
import { describe, expectTypeOf, it } from "vitest";
import commentCreated from "../../test/jira-comment-created.json" with { type: "json" };
import issueUpdated from "../../test/jira-issue-updated.json" with { type: "json" };
import type {
  JiraAdfDocument,
  JiraAttachment,
  JiraBoard,
  JiraBoardConfiguration,
  JiraChangelog,
  JiraChangelogItem,
  JiraComment,
  JiraIssue,
  JiraIssueLink,
  JiraProject,
  JiraSprint,
  JiraUser,
  JiraVersion,
  JiraWorklog,
} from "./entities.ts";
import type {
  JiraCommentEvent,
  JiraEventName,
  JiraEventOf,
  JiraIssueEvent,
  JiraWebhookEvent,
} from "./events.ts";
import { isJiraEvent, isJiraEventOf } from "./is-event.ts";

// A JSON import widens `webhookEvent` to `string`; everything else keeps the fixture's shape.
type Received<T, N extends JiraEventName> = Omit<T, "webhookEvent"> & { webhookEvent: N };

describe("Jira event types", () => {
  it("narrows an unknown payload with isJiraEvent", () => {
    const payload: unknown = issueUpdated;
    if (isJiraEvent(payload, "jira:issue_updated")) {
      expectTypeOf(payload.webhookEvent).toEqualTypeOf<"jira:issue_updated">();
      expectTypeOf(payload.changelog).toEqualTypeOf<JiraChangelog | undefined>();
      expectTypeOf(payload.issue).toEqualTypeOf<JiraIssue>();
      if (payload.changelog) {
        expectTypeOf(payload.changelog.items).toEqualTypeOf<JiraChangelogItem[]>();
        const item = payload.changelog.items[0];
        if (item) {
          expectTypeOf(item.toString).toEqualTypeOf<string | null>();
          expectTypeOf(item.fieldId).toEqualTypeOf<string | undefined>();
        }
      }
      expectTypeOf(payload.issue.fields.summary).toBeString();
      expectTypeOf(payload.issue.fields.customfield_10016).toBeUnknown();
      // @ts-expect-error an issue event has no sprint
      expectTypeOf(payload).toHaveProperty("sprint");
    }
  });

  it("narrows to comment events", () => {
    const payload: unknown = commentCreated;
    if (isJiraEvent(payload, "comment_created")) {
      expectTypeOf(payload.comment).toEqualTypeOf<JiraComment>();
      expectTypeOf(payload.comment.body).toEqualTypeOf<string | JiraAdfDocument>();
      expectTypeOf(payload.comment.author).toEqualTypeOf<JiraUser>();
      // @ts-expect-error a comment event carries no changelog
      expectTypeOf(payload).toHaveProperty("changelog");
    }
    if (isJiraEventOf(payload, ["comment_created", "comment_deleted"])) {
      expectTypeOf(payload.webhookEvent).toEqualTypeOf<"comment_created" | "comment_deleted">();
      expectTypeOf(payload).toExtend<JiraCommentEvent>();
      expectTypeOf(payload.comment.id).toBeString();
    }
  });

  it("narrows an already typed union too", () => {
    const handle = (event: JiraWebhookEvent) => {
      if (isJiraEvent(event, "sprint_started")) {
        expectTypeOf(event.sprint).toEqualTypeOf<JiraSprint>();
      }
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<JiraWebhookEvent>();
  });

  it("maps every name to its entity", () => {
    expectTypeOf<JiraEventOf<"sprint_started">["sprint"]>().toEqualTypeOf<JiraSprint>();
    expectTypeOf<JiraEventOf<"sprint_updated">["oldValue"]>().toEqualTypeOf<
      Partial<JiraSprint> | undefined
    >();
    expectTypeOf<JiraEventOf<"jira:issue_deleted">["issue"]>().toEqualTypeOf<JiraIssue>();
    expectTypeOf<JiraEventOf<"comment_deleted">["comment"]>().toEqualTypeOf<JiraComment>();
    expectTypeOf<JiraEventOf<"worklog_updated">["worklog"]>().toEqualTypeOf<JiraWorklog>();
    expectTypeOf<JiraEventOf<"attachment_deleted">["attachment"]>().toEqualTypeOf<JiraAttachment>();
    expectTypeOf<JiraEventOf<"issuelink_created">["issueLink"]>().toEqualTypeOf<JiraIssueLink>();
    expectTypeOf<JiraEventOf<"project_soft_deleted">["project"]>().toEqualTypeOf<JiraProject>();
    expectTypeOf<JiraEventOf<"jira:version_merged">["version"]>().toEqualTypeOf<JiraVersion>();
    expectTypeOf<JiraEventOf<"board_deleted">["board"]>().toEqualTypeOf<JiraBoard>();
    expectTypeOf<
      JiraEventOf<"board_configuration_changed">["configuration"]
    >().toEqualTypeOf<JiraBoardConfiguration>();
    expectTypeOf<JiraEventOf<"project_created">["user"]>().toEqualTypeOf<JiraUser | undefined>();
    expectTypeOf<JiraEventOf<"board_created">["timestamp"]>().toBeNumber();
    expectTypeOf<JiraEventOf<"board_created">["matchedWebhookIds"]>().toEqualTypeOf<
      number[] | undefined
    >();
    // @ts-expect-error a sprint is not a board
    expectTypeOf<JiraEventOf<"sprint_started">["sprint"]>().toEqualTypeOf<JiraBoard>();
  });

  it("has exactly the documented names", () => {
    expectTypeOf<JiraEventName>().toEqualTypeOf<
      | "jira:issue_created"
      | "jira:issue_updated"
      | "jira:issue_deleted"
      | "comment_created"
      | "comment_updated"
      | "comment_deleted"
      | "worklog_created"
      | "worklog_updated"
      | "worklog_deleted"
      | "attachment_created"
      | "attachment_deleted"
      | "issuelink_created"
      | "issuelink_deleted"
      | "project_created"
      | "project_updated"
      | "project_deleted"
      | "project_soft_deleted"
      | "project_restored_deleted"
      | "project_archived"
      | "project_restored_archived"
      | "jira:version_released"
      | "jira:version_unreleased"
      | "jira:version_created"
      | "jira:version_moved"
      | "jira:version_updated"
      | "jira:version_deleted"
      | "jira:version_merged"
      | "sprint_created"
      | "sprint_updated"
      | "sprint_deleted"
      | "sprint_started"
      | "sprint_closed"
      | "board_created"
      | "board_updated"
      | "board_deleted"
      | "board_configuration_changed"
    >();
    expectTypeOf<JiraWebhookEvent["webhookEvent"]>().toEqualTypeOf<JiraEventName>();
    // @ts-expect-error the REST event name is not a webhookEvent value
    isJiraEvent({}, "issue_created");
  });

  it("switches exhaustively on webhookEvent", () => {
    const entity = (event: JiraWebhookEvent): string => {
      switch (event.webhookEvent) {
        case "jira:issue_created":
        case "jira:issue_updated":
        case "jira:issue_deleted":
          return event.issue.key;
        case "comment_created":
        case "comment_updated":
        case "comment_deleted":
          return event.comment.id;
        case "worklog_created":
        case "worklog_updated":
        case "worklog_deleted":
          return event.worklog.id;
        case "attachment_created":
        case "attachment_deleted":
          return event.attachment.filename;
        case "issuelink_created":
        case "issuelink_deleted":
          return String(event.issueLink.id);
        case "project_created":
        case "project_updated":
        case "project_deleted":
        case "project_soft_deleted":
        case "project_restored_deleted":
        case "project_archived":
        case "project_restored_archived":
          return event.project.key;
        case "jira:version_released":
        case "jira:version_unreleased":
        case "jira:version_created":
        case "jira:version_moved":
        case "jira:version_updated":
        case "jira:version_deleted":
        case "jira:version_merged":
          return event.version.name;
        case "sprint_created":
        case "sprint_updated":
        case "sprint_deleted":
        case "sprint_started":
        case "sprint_closed":
          return event.sprint.name;
        case "board_created":
        case "board_updated":
        case "board_deleted":
          return event.board.name;
        case "board_configuration_changed":
          return event.configuration.name;
        default:
          expectTypeOf(event).toBeNever();
          return event;
      }
    };
    expectTypeOf(entity).returns.toBeString();
  });

  it("accepts real payloads", () => {
    expectTypeOf<Received<typeof issueUpdated, "jira:issue_updated">>().toExtend<
      JiraEventOf<"jira:issue_updated">
    >();
    expectTypeOf<Received<typeof issueUpdated, "jira:issue_updated">>().toExtend<JiraIssueEvent>();
    expectTypeOf<Received<typeof commentCreated, "comment_created">>().toExtend<
      JiraEventOf<"comment_created">
    >();
    expectTypeOf<Received<typeof commentCreated, "comment_created">>().toExtend<JiraWebhookEvent>();
    // A payload under the wrong name does not fit: a comment event needs `comment`.
    expectTypeOf<
      Received<typeof issueUpdated, "comment_created">
    >().not.toExtend<JiraWebhookEvent>();
    // @ts-expect-error an issue update is not a comment event
    expectTypeOf<Received<typeof issueUpdated, "comment_created">>().toExtend<JiraWebhookEvent>();
  });

  it("accepts payloads with site-specific custom fields", () => {
    const event: JiraEventOf<"jira:issue_created"> = {
      timestamp: 1,
      webhookEvent: "jira:issue_created",
      issue: {
        id: "1",
        key: "A-1",
        self: "https://example.atlassian.net/rest/api/2/issue/1",
        fields: {
          summary: "s",
          status: { self: "", id: "1", name: "To Do" },
          issuetype: { self: "", id: "1", name: "Task", subtask: false },
          project: { self: "", id: "1", key: "A", name: "A" },
          customfield_10020: [{ id: 3 }],
        },
      },
    };
    expectTypeOf(event.issue.fields.customfield_10020).toBeUnknown();
    const missingIssue: Omit<typeof event, "issue"> = {
      timestamp: 1,
      webhookEvent: "jira:issue_created",
    };
    // @ts-expect-error an issue event without its issue is not an issue event
    expectTypeOf(missingIssue).toExtend<JiraEventOf<"jira:issue_created">>();
  });
});
