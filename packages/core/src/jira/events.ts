// Jira Cloud webhook payloads as one union discriminated on `webhookEvent`. Built from a name ->
// payload map so that every member has a literal `webhookEvent` and `switch` narrows it.
import type {
  JiraAttachment,
  JiraBoard,
  JiraBoardConfiguration,
  JiraChangelog,
  JiraComment,
  JiraIssue,
  JiraIssueLink,
  JiraProject,
  JiraSprint,
  JiraUser,
  JiraVersion,
  JiraWorklog,
} from "./entities.ts";

/**
 * Fields every Jira webhook payload has.
 *
 * @example
 * ```ts
 * const raisedAt = (event: JiraEventBase) => new Date(event.timestamp);
 * ```
 */
export interface JiraEventBase<N extends string = string> {
  /** When Jira raised the event, milliseconds since the epoch. */
  timestamp: number;
  /** The event name, and the field to switch on. */
  webhookEvent: N;
  /** Who caused the event, when Jira knows. */
  user?: JiraUser;
  /** The webhooks this delivery answered (webhooks registered through the REST API). */
  matchedWebhookIds?: number[];
}

/**
 * `jira:issue_created`, `jira:issue_updated` and `jira:issue_deleted`.
 *
 * @example
 * ```ts
 * const onIssue = (event: JiraIssueEvent) => console.log(event.webhookEvent, event.issue.key);
 * ```
 */
export interface JiraIssueEvent<N extends JiraIssueEventName = JiraIssueEventName>
  extends JiraEventBase<N> {
  /** The finer-grained reason: `issue_assigned`, `issue_commented`, `issue_generic`, ... */
  issue_event_type_name?:
    | "issue_created"
    | "issue_updated"
    | "issue_generic"
    | "issue_assigned"
    | "issue_resolved"
    | "issue_closed"
    | "issue_reopened"
    | "issue_moved"
    | "issue_commented"
    | "issue_comment_edited"
    | "issue_comment_deleted"
    | "issue_worklog_changed"
    | "issue_worklog_deleted"
    | "issue_work_started"
    | "issue_work_stopped"
    | (string & {});
  issue: JiraIssue;
  /**
   * What changed. Jira omits it on updates that change no field, such as `issue_commented`
   * (which carries `comment` instead), so it is optional.
   */
  changelog?: JiraChangelog;
  /** The comment, on `issue_commented` and `issue_comment_edited` updates. */
  comment?: JiraComment;
}

/**
 * `comment_created`, `comment_updated` and `comment_deleted`.
 *
 * @example
 * ```ts
 * const onComment = (event: JiraCommentEvent) => console.log(event.issue.key, event.comment.id);
 * ```
 */
export interface JiraCommentEvent<N extends JiraCommentEventName = JiraCommentEventName>
  extends JiraEventBase<N> {
  comment: JiraComment;
  /** A shortened issue: key, summary, status, type, project, priority, assignee. */
  issue: JiraIssue;
}

/**
 * `worklog_created`, `worklog_updated` and `worklog_deleted`.
 *
 * @example
 * ```ts
 * const logged = (event: JiraWorklogEvent) => event.worklog.timeSpentSeconds;
 * ```
 */
export interface JiraWorklogEvent<N extends JiraWorklogEventName = JiraWorklogEventName>
  extends JiraEventBase<N> {
  worklog: JiraWorklog;
}

/**
 * `attachment_created` and `attachment_deleted`.
 *
 * @example
 * ```ts
 * const file = (event: JiraAttachmentEvent) => event.attachment.filename;
 * ```
 */
export interface JiraAttachmentEvent<N extends JiraAttachmentEventName = JiraAttachmentEventName>
  extends JiraEventBase<N> {
  attachment: JiraAttachment;
}

/**
 * `issuelink_created` and `issuelink_deleted`.
 *
 * @example
 * ```ts
 * const ends = (event: JiraIssueLinkEvent) =>
 *   [event.issueLink.sourceIssueId, event.issueLink.destinationIssueId];
 * ```
 */
export interface JiraIssueLinkEvent<N extends JiraIssueLinkEventName = JiraIssueLinkEventName>
  extends JiraEventBase<N> {
  issueLink: JiraIssueLink;
}

/**
 * Project created, updated, deleted, moved to or restored from the trash, archived or restored.
 *
 * @example
 * ```ts
 * const key = (event: JiraProjectEvent) => event.project.key;
 * ```
 */
export interface JiraProjectEvent<N extends JiraProjectEventName = JiraProjectEventName>
  extends JiraEventBase<N> {
  project: JiraProject;
}

/**
 * `jira:version_*`: a version created, updated, released, unreleased, moved, merged or deleted.
 *
 * @example
 * ```ts
 * const released = (event: JiraVersionEvent) => event.version.released;
 * ```
 */
export interface JiraVersionEvent<N extends JiraVersionEventName = JiraVersionEventName>
  extends JiraEventBase<N> {
  version: JiraVersion;
}

/**
 * `sprint_created`, `sprint_updated`, `sprint_deleted`, `sprint_started` and `sprint_closed`.
 *
 * @example
 * ```ts
 * const goal = (event: JiraSprintEvent) => event.sprint.goal ?? "";
 * ```
 */
export interface JiraSprintEvent<N extends JiraSprintEventName = JiraSprintEventName>
  extends JiraEventBase<N> {
  sprint: JiraSprint;
  /** On `sprint_updated`: the fields as they were before. */
  oldValue?: Partial<JiraSprint>;
}

/**
 * `board_created`, `board_updated` and `board_deleted`.
 *
 * @example
 * ```ts
 * const name = (event: JiraBoardEvent) => event.board.name;
 * ```
 */
export interface JiraBoardEvent<N extends JiraBoardEventName = JiraBoardEventName>
  extends JiraEventBase<N> {
  board: JiraBoard;
}

/**
 * `board_configuration_changed`: a board's filter, columns, estimation or ranking changed.
 *
 * @example
 * ```ts
 * const columns = (event: JiraBoardConfigurationEvent) =>
 *   event.configuration.columnConfig.columns.length;
 * ```
 */
export interface JiraBoardConfigurationEvent extends JiraEventBase<"board_configuration_changed"> {
  configuration: JiraBoardConfiguration;
}

/**
 * Every Jira webhook event name, mapped to its payload type.
 *
 * @example
 * ```ts
 * type SprintStarted = JiraEventMap["sprint_started"]; // JiraSprintEvent<"sprint_started">
 * ```
 */
export interface JiraEventMap {
  "jira:issue_created": JiraIssueEvent<"jira:issue_created">;
  "jira:issue_updated": JiraIssueEvent<"jira:issue_updated">;
  "jira:issue_deleted": JiraIssueEvent<"jira:issue_deleted">;
  comment_created: JiraCommentEvent<"comment_created">;
  comment_updated: JiraCommentEvent<"comment_updated">;
  comment_deleted: JiraCommentEvent<"comment_deleted">;
  worklog_created: JiraWorklogEvent<"worklog_created">;
  worklog_updated: JiraWorklogEvent<"worklog_updated">;
  worklog_deleted: JiraWorklogEvent<"worklog_deleted">;
  attachment_created: JiraAttachmentEvent<"attachment_created">;
  attachment_deleted: JiraAttachmentEvent<"attachment_deleted">;
  issuelink_created: JiraIssueLinkEvent<"issuelink_created">;
  issuelink_deleted: JiraIssueLinkEvent<"issuelink_deleted">;
  project_created: JiraProjectEvent<"project_created">;
  project_updated: JiraProjectEvent<"project_updated">;
  project_deleted: JiraProjectEvent<"project_deleted">;
  project_soft_deleted: JiraProjectEvent<"project_soft_deleted">;
  project_restored_deleted: JiraProjectEvent<"project_restored_deleted">;
  project_archived: JiraProjectEvent<"project_archived">;
  project_restored_archived: JiraProjectEvent<"project_restored_archived">;
  "jira:version_released": JiraVersionEvent<"jira:version_released">;
  "jira:version_unreleased": JiraVersionEvent<"jira:version_unreleased">;
  "jira:version_created": JiraVersionEvent<"jira:version_created">;
  "jira:version_moved": JiraVersionEvent<"jira:version_moved">;
  "jira:version_updated": JiraVersionEvent<"jira:version_updated">;
  "jira:version_deleted": JiraVersionEvent<"jira:version_deleted">;
  "jira:version_merged": JiraVersionEvent<"jira:version_merged">;
  sprint_created: JiraSprintEvent<"sprint_created">;
  sprint_updated: JiraSprintEvent<"sprint_updated">;
  sprint_deleted: JiraSprintEvent<"sprint_deleted">;
  sprint_started: JiraSprintEvent<"sprint_started">;
  sprint_closed: JiraSprintEvent<"sprint_closed">;
  board_created: JiraBoardEvent<"board_created">;
  board_updated: JiraBoardEvent<"board_updated">;
  board_deleted: JiraBoardEvent<"board_deleted">;
  board_configuration_changed: JiraBoardConfigurationEvent;
}

/**
 * The name of any Jira webhook event: the values of `webhookEvent`.
 *
 * @example
 * ```ts
 * const subscribed: JiraEventName[] = ["jira:issue_updated", "comment_created"];
 * ```
 */
export type JiraEventName = keyof JiraEventMap;

/**
 * Any Jira webhook payload, discriminated on `webhookEvent`.
 *
 * @example
 * ```ts
 * function handle(event: JiraWebhookEvent) {
 *   switch (event.webhookEvent) {
 *     case "jira:issue_updated":
 *       return event.changelog?.items.map((item) => item.field);
 *     case "sprint_started":
 *       return event.sprint.name;
 *   }
 * }
 * ```
 */
export type JiraWebhookEvent = JiraEventMap[JiraEventName];

/**
 * The payload of one event name, or the union for several.
 *
 * @example
 * ```ts
 * type Started = JiraEventOf<"sprint_started">; // has `sprint: JiraSprint`
 * type Comments = JiraEventOf<"comment_created" | "comment_updated">;
 * ```
 */
export type JiraEventOf<N extends JiraEventName> = Extract<JiraWebhookEvent, { webhookEvent: N }>;

/**
 * Names of the issue events.
 *
 * @example
 * ```ts
 * const name: JiraIssueEventName = "jira:issue_created";
 * ```
 */
export type JiraIssueEventName = "jira:issue_created" | "jira:issue_updated" | "jira:issue_deleted";

/**
 * Names of the comment events.
 *
 * @example
 * ```ts
 * const name: JiraCommentEventName = "comment_created";
 * ```
 */
export type JiraCommentEventName = "comment_created" | "comment_updated" | "comment_deleted";

/**
 * Names of the worklog events.
 *
 * @example
 * ```ts
 * const name: JiraWorklogEventName = "worklog_updated";
 * ```
 */
export type JiraWorklogEventName = "worklog_created" | "worklog_updated" | "worklog_deleted";

/**
 * Names of the attachment events.
 *
 * @example
 * ```ts
 * const name: JiraAttachmentEventName = "attachment_created";
 * ```
 */
export type JiraAttachmentEventName = "attachment_created" | "attachment_deleted";

/**
 * Names of the issue link events.
 *
 * @example
 * ```ts
 * const name: JiraIssueLinkEventName = "issuelink_created";
 * ```
 */
export type JiraIssueLinkEventName = "issuelink_created" | "issuelink_deleted";

/**
 * Names of the project events.
 *
 * @example
 * ```ts
 * const name: JiraProjectEventName = "project_archived";
 * ```
 */
export type JiraProjectEventName =
  | "project_created"
  | "project_updated"
  | "project_deleted"
  | "project_soft_deleted"
  | "project_restored_deleted"
  | "project_archived"
  | "project_restored_archived";

/**
 * Names of the version events.
 *
 * @example
 * ```ts
 * const name: JiraVersionEventName = "jira:version_released";
 * ```
 */
export type JiraVersionEventName =
  | "jira:version_released"
  | "jira:version_unreleased"
  | "jira:version_created"
  | "jira:version_moved"
  | "jira:version_updated"
  | "jira:version_deleted"
  | "jira:version_merged";

/**
 * Names of the sprint events.
 *
 * @example
 * ```ts
 * const name: JiraSprintEventName = "sprint_started";
 * ```
 */
export type JiraSprintEventName =
  | "sprint_created"
  | "sprint_updated"
  | "sprint_deleted"
  | "sprint_started"
  | "sprint_closed";

/**
 * Names of the board events (`board_configuration_changed` has its own payload type).
 *
 * @example
 * ```ts
 * const name: JiraBoardEventName = "board_updated";
 * ```
 */
export type JiraBoardEventName = "board_created" | "board_updated" | "board_deleted";
