import type { JiraEventOf, JiraIssueLinkEventName } from "../../jira/events.ts";
import { type Clock, ISSUE_ID } from "./site.ts";

const build =
  <K extends JiraIssueLinkEventName>(webhookEvent: K) =>
  (clock: Clock): JiraEventOf<K> =>
    ({
      timestamp: clock.now,
      webhookEvent,
      issueLink: {
        id: 10230,
        sourceIssueId: Number(ISSUE_ID),
        destinationIssueId: 10117,
        issueLinkType: {
          id: 10000,
          name: "Blocks",
          outwardName: "blocks",
          inwardName: "is blocked by",
          isSubTaskLinkType: false,
          isSystemLinkType: false,
        },
        systemLink: false,
      },
    }) as JiraEventOf<K>;

/** `issuelink_*`: numeric ids throughout, and no `user`. */
export const ISSUE_LINK_EVENTS: {
  [K in JiraIssueLinkEventName]: (clock: Clock) => JiraEventOf<K>;
} = {
  issuelink_created: build("issuelink_created"),
  issuelink_deleted: build("issuelink_deleted"),
};
