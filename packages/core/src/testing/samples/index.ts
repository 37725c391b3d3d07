import type { JiraEventName, JiraEventOf } from "../../jira/events.ts";
import { ATTACHMENT_EVENTS } from "./attachment-events.ts";
import { BOARD_EVENTS } from "./board-events.ts";
import { COMMENT_EVENTS } from "./comment-events.ts";
import { ISSUE_EVENTS } from "./issue-events.ts";
import { ISSUE_LINK_EVENTS } from "./issue-link-events.ts";
import { PROJECT_EVENTS } from "./project-events.ts";
import type { Clock } from "./site.ts";
import { SPRINT_EVENTS } from "./sprint-events.ts";
import { VERSION_EVENTS } from "./version-events.ts";
import { WORKLOG_EVENTS } from "./worklog-events.ts";

/** A builder for every event name; the compiler checks that none is missing or mistyped. */
export const SAMPLES: { [N in JiraEventName]: (clock: Clock) => JiraEventOf<N> } = {
  ...ISSUE_EVENTS,
  ...COMMENT_EVENTS,
  ...WORKLOG_EVENTS,
  ...ATTACHMENT_EVENTS,
  ...ISSUE_LINK_EVENTS,
  ...PROJECT_EVENTS,
  ...VERSION_EVENTS,
  ...SPRINT_EVENTS,
  ...BOARD_EVENTS,
};
