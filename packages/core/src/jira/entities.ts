// Entity shapes inside Jira Cloud webhook payloads, as Jira documents and sends them. Jira adds
// fields over time, so only the fields a receiver commonly reads are named; issue fields keep an
// index signature because every site has its own custom fields (`customfield_10020`, ...).

/**
 * Avatar image URLs by size, as Jira sends them on users and projects.
 *
 * @example
 * ```ts
 * const small: string | undefined = user.avatarUrls?.["16x16"];
 * ```
 */
export interface JiraAvatarUrls {
  "16x16"?: string;
  "24x24"?: string;
  "32x32"?: string;
  "48x48"?: string;
}

/**
 * An Atlassian account: the actor of an event (`user`), an assignee, an author.
 *
 * @example
 * ```ts
 * import type { JiraUser } from "@hubsig/core/jira";
 *
 * const mention = (user: JiraUser) => `[~accountid:${user.accountId}]`;
 * ```
 */
export interface JiraUser {
  self: string;
  accountId: string;
  displayName: string;
  /** Only present when the account's privacy settings allow it. */
  emailAddress?: string;
  avatarUrls?: JiraAvatarUrls;
  active: boolean;
  timeZone?: string;
  accountType?: "atlassian" | "app" | "customer" | "unknown" | (string & {});
  /**
   * Usernames, gone from Jira Cloud since Atlassian's 2019 privacy changes: deliveries captured
   * before then carry them beside `accountId`, and Jira Data Center still sends them. Never rely
   * on them in a Cloud receiver.
   */
  name?: string;
  key?: string;
}

/**
 * A node of an Atlassian Document Format (ADF) tree.
 *
 * @example
 * ```ts
 * const text = (node: JiraAdfNode): string =>
 *   node.text ?? (node.content ?? []).map(text).join("");
 * ```
 */
export interface JiraAdfNode {
  type: string;
  text?: string;
  content?: JiraAdfNode[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/**
 * A rich-text value in Atlassian Document Format, as Jira sends descriptions and comments to
 * webhooks registered for the REST API v3 format. Admin webhooks send wiki markup strings instead.
 *
 * @example
 * ```ts
 * const isAdf = (value: unknown): value is JiraAdfDocument =>
 *   typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc";
 * ```
 */
export interface JiraAdfDocument extends JiraAdfNode {
  type: "doc";
  version: number;
  content: JiraAdfNode[];
}

/**
 * An issue's workflow status.
 *
 * @example
 * ```ts
 * const done = issue.fields.status.statusCategory?.key === "done";
 * ```
 */
export interface JiraStatus {
  self: string;
  id: string;
  name: string;
  description?: string;
  iconUrl?: string;
  statusCategory?: {
    self: string;
    id: number;
    key: "new" | "indeterminate" | "done" | "undefined" | (string & {});
    colorName: string;
    name: string;
  };
}

/**
 * An issue type (Bug, Story, Sub-task, ...).
 *
 * @example
 * ```ts
 * const isBug = issue.fields.issuetype.name === "Bug";
 * ```
 */
export interface JiraIssueType {
  self: string;
  id: string;
  name: string;
  description?: string;
  iconUrl?: string;
  subtask: boolean;
  avatarId?: number;
  entityId?: string;
  hierarchyLevel?: number;
}

/**
 * An issue priority.
 *
 * @example
 * ```ts
 * const urgent = issue.fields.priority?.name === "Highest";
 * ```
 */
export interface JiraPriority {
  self: string;
  id: string;
  name: string;
  iconUrl?: string;
}

/**
 * A project: the `project` of project events, and the short form inside `issue.fields.project`.
 * Jira sends `id` as a string inside issues and as a number in project events, hence both.
 *
 * @example
 * ```ts
 * const label = (project: JiraProject) => `${project.key}: ${project.name}`;
 * ```
 */
export interface JiraProject {
  self: string;
  id: string | number;
  key: string;
  name: string;
  avatarUrls?: JiraAvatarUrls;
  projectTypeKey?: "software" | "service_desk" | "business" | (string & {});
  simplified?: boolean;
  projectLead?: JiraUser;
  assigneeType?: string;
  projectCategory?: { self: string; id: string; name: string; description?: string };
}

/**
 * The fields of an issue. The named ones are Jira's system fields; everything else a site
 * defines (`customfield_*`) is there too, typed `unknown` until checked.
 *
 * @example
 * ```ts
 * const storyPoints = issue.fields.customfield_10016; // unknown: check before use
 * const points = typeof storyPoints === "number" ? storyPoints : 0;
 * ```
 */
export interface JiraIssueFields {
  summary: string;
  status: JiraStatus;
  issuetype: JiraIssueType;
  project: JiraProject;
  priority?: JiraPriority | null;
  assignee?: JiraUser | null;
  reporter?: JiraUser | null;
  creator?: JiraUser | null;
  labels?: string[];
  /** ISO 8601 with offset, e.g. `2024-05-02T10:04:05.123+0000`. */
  created?: string;
  updated?: string;
  /** Wiki markup (admin webhooks), ADF (REST API v3 format) or `null` when empty. */
  description?: string | JiraAdfDocument | null;
  [field: string]: unknown;
}

/**
 * An issue as webhook payloads carry it. Comment and worklog events carry a shortened
 * `fields` with the same names.
 *
 * @example
 * ```ts
 * const link = (issue: JiraIssue) => `${new URL(issue.self).origin}/browse/${issue.key}`;
 * ```
 */
export interface JiraIssue {
  id: string;
  key: string;
  self: string;
  fields: JiraIssueFields;
}

/**
 * One changed field of an issue update. `from`/`to` are raw values (ids), `fromString`/`toString`
 * what a person sees; each is `null` when the field was empty.
 *
 * @example
 * ```ts
 * const moved = (item: JiraChangelogItem) =>
 *   item.field === "status" ? `${item.fromString} -> ${item.toString}` : undefined;
 * ```
 */
export interface JiraChangelogItem {
  field: string;
  fieldtype: "jira" | "custom" | (string & {});
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  // Named by Jira; it shadows Object.prototype.toString on this type only.
  toString: string | null;
  /** Account ids when the field holds a user (assignee, reporter). */
  tmpFromAccountId?: string | null;
  tmpToAccountId?: string | null;
}

/**
 * What an issue update changed.
 *
 * @example
 * ```ts
 * const changed = (changelog: JiraChangelog) => changelog.items.map((item) => item.field);
 * ```
 */
export interface JiraChangelog {
  id: string;
  items: JiraChangelogItem[];
}

/**
 * Who may see a comment or worklog, when it is restricted.
 *
 * @example
 * ```ts
 * const internal = comment.visibility?.type === "role";
 * ```
 */
export interface JiraVisibility {
  type: "group" | "role" | (string & {});
  value: string;
  identifier?: string;
}

/**
 * An issue comment.
 *
 * @example
 * ```ts
 * const quoted = (comment: JiraComment) =>
 *   typeof comment.body === "string" ? `> ${comment.body}` : "(rich text)";
 * ```
 */
export interface JiraComment {
  self: string;
  id: string;
  author: JiraUser;
  updateAuthor?: JiraUser;
  /** Wiki markup (admin webhooks) or ADF (REST API v3 format). */
  body: string | JiraAdfDocument;
  created: string;
  updated: string;
  /** Jira Service Management: whether the customer sees it. */
  jsdPublic?: boolean;
  visibility?: JiraVisibility;
}

/**
 * Time logged on an issue.
 *
 * @example
 * ```ts
 * const hours = (worklog: JiraWorklog) => worklog.timeSpentSeconds / 3600;
 * ```
 */
export interface JiraWorklog {
  self: string;
  id: string;
  issueId: string;
  author: JiraUser;
  updateAuthor?: JiraUser;
  comment?: string | JiraAdfDocument;
  created: string;
  updated: string;
  started: string;
  /** As a person wrote it, e.g. `1h 30m`. */
  timeSpent: string;
  timeSpentSeconds: number;
  visibility?: JiraVisibility;
}

/**
 * A file attached to an issue.
 *
 * @example
 * ```ts
 * const isImage = (attachment: JiraAttachment) => attachment.mimeType.startsWith("image/");
 * ```
 */
export interface JiraAttachment {
  self: string;
  id: string | number;
  filename: string;
  author: JiraUser;
  created: string;
  /** Bytes. */
  size: number;
  mimeType: string;
  /** Download URL; fetching it needs credentials. */
  content: string;
  thumbnail?: string;
}

/**
 * The kind of a link between two issues ("blocks" / "is blocked by").
 *
 * @example
 * ```ts
 * const phrase = (type: JiraIssueLinkType) => `${type.outwardName} / ${type.inwardName}`;
 * ```
 */
export interface JiraIssueLinkType {
  id: number | string;
  name: string;
  outwardName: string;
  inwardName: string;
  isSubTaskLinkType: boolean;
  isSystemLinkType: boolean;
  style?: string;
}

/**
 * A link between two issues.
 *
 * @example
 * ```ts
 * const blocks = (link: JiraIssueLink) => link.issueLinkType.name === "Blocks";
 * ```
 */
export interface JiraIssueLink {
  id: number;
  sourceIssueId: number;
  destinationIssueId: number;
  issueLinkType: JiraIssueLinkType;
  sequence?: number;
  systemLink: boolean;
}

/**
 * A project version (release).
 *
 * @example
 * ```ts
 * const notes = (version: JiraVersion) => `${version.name}: ${version.description ?? ""}`;
 * ```
 */
export interface JiraVersion {
  self: string;
  id: string;
  name: string;
  description?: string;
  archived: boolean;
  released: boolean;
  overdue?: boolean;
  /** `YYYY-MM-DD`. */
  startDate?: string;
  releaseDate?: string;
  /** Formatted for the site's locale, e.g. `02/May/24`. */
  userStartDate?: string;
  userReleaseDate?: string;
  projectId: number;
}

/**
 * A Jira Software sprint.
 *
 * @example
 * ```ts
 * const running = (sprint: JiraSprint) => sprint.state === "active";
 * ```
 */
export interface JiraSprint {
  self: string;
  id: number;
  name: string;
  state: "future" | "active" | "closed" | (string & {});
  goal?: string;
  /** ISO 8601. */
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  createdDate?: string;
  originBoardId: number;
  autoStartStop?: boolean;
  synced?: boolean;
}

/**
 * A Jira Software board.
 *
 * @example
 * ```ts
 * const isScrum = (board: JiraBoard) => board.type === "scrum";
 * ```
 */
export interface JiraBoard {
  self: string;
  id: number;
  name: string;
  type: "scrum" | "kanban" | "simple" | (string & {});
}

/**
 * A board's configuration (its filter and columns), sent by `board_configuration_changed`.
 *
 * @example
 * ```ts
 * const columns = (config: JiraBoardConfiguration) =>
 *   config.columnConfig.columns.map((column) => column.name);
 * ```
 */
export interface JiraBoardConfiguration {
  self: string;
  id: number;
  name: string;
  type: "scrum" | "kanban" | "simple" | (string & {});
  filter: { id: string; self: string };
  location?: { type: string; projectKeyOrId?: string; key?: string; id?: string; self?: string };
  columnConfig: {
    columns: {
      name: string;
      statuses: { id: string; self: string }[];
      min?: number;
      max?: number;
    }[];
    constraintType?: string;
  };
  estimation?: { type: string; field?: { fieldId: string; displayName: string } };
  ranking?: { rankCustomFieldId: number };
}
