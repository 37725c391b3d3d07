import type { JiraCommentEventName, JiraEventOf } from "../../jira/events.ts";
import { comment } from "./issue-events.ts";
import { type Clock, shortIssue } from "./site.ts";

type Builders = { [K in JiraCommentEventName]: (clock: Clock) => JiraEventOf<K> };

const build =
  <K extends JiraCommentEventName>(webhookEvent: K) =>
  (clock: Clock) =>
    ({
      timestamp: clock.now,
      webhookEvent,
      comment: comment(clock),
      issue: shortIssue(),
    }) as JiraEventOf<K>;

/**
 * `comment_*`: the comment and a shortened issue. Jira sends no `user` on these: the comment's
 * `author` and `updateAuthor` say who.
 */
export const COMMENT_EVENTS: Builders = {
  comment_created: build("comment_created"),
  comment_updated: build("comment_updated"),
  comment_deleted: build("comment_deleted"),
};
