import type { JiraEventName, JiraEventOf } from "../../jira/events.js";
import { ATTACHMENT_EVENTS } from "./attachment-events.js";
import { BOARD_EVENTS } from "./board-events.js";
import { COMMENT_EVENTS } from "./comment-events.js";
import { ISSUE_EVENTS } from "./issue-events.js";
import { ISSUE_LINK_EVENTS } from "./issue-link-events.js";
import { PROJECT_EVENTS } from "./project-events.js";
import type { Clock } from "./site.js";
import { SPRINT_EVENTS } from "./sprint-events.js";
import { VERSION_EVENTS } from "./version-events.js";
import { WORKLOG_EVENTS } from "./worklog-events.js";

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
