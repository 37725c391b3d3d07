import type { JiraEventOf, JiraWorklogEventName } from "../../jira/events.ts";
import { API, type Clock, HIRO, ISSUE_ID } from "./site.ts";

const build =
  <K extends JiraWorklogEventName>(webhookEvent: K) =>
  (clock: Clock): JiraEventOf<K> =>
    ({
      timestamp: clock.now,
      webhookEvent,
      worklog: {
        self: `${API}/issue/${ISSUE_ID}/worklog/10320`,
        author: HIRO,
        updateAuthor: HIRO,
        comment: "Reviewed the rotation runbook; 検証済み.",
        created: clock.date(),
        updated: clock.date(),
        started: clock.date(90),
        timeSpent: "1h 30m",
        timeSpentSeconds: 5400,
        id: "10320",
        issueId: ISSUE_ID,
      },
    }) as JiraEventOf<K>;

/** `worklog_*`: the worklog alone; `issueId` says which issue. */
export const WORKLOG_EVENTS: { [K in JiraWorklogEventName]: (clock: Clock) => JiraEventOf<K> } = {
  worklog_created: build("worklog_created"),
  worklog_updated: build("worklog_updated"),
  worklog_deleted: build("worklog_deleted"),
};
