import type { JiraSprint } from "../../jira/entities.ts";
import type { JiraEventOf, JiraSprintEventName } from "../../jira/events.ts";
import { AGILE, type Clock } from "./site.ts";

const TWO_WEEKS_MINUTES = 14 * 24 * 60;

function sprint(clock: Clock, state: JiraSprint["state"]): JiraSprint {
  const started = state !== "future";
  return {
    id: 37,
    self: `${AGILE}/sprint/37`,
    state,
    name: "OPS Sprint 12",
    goal: "Rotate every webhook secret",
    ...(started ? { startDate: clock.date(state === "closed" ? TWO_WEEKS_MINUTES : 0) } : {}),
    ...(started ? { endDate: clock.date(state === "closed" ? 0 : -TWO_WEEKS_MINUTES) } : {}),
    ...(state === "closed" ? { completeDate: clock.date() } : {}),
    createdDate: clock.date(TWO_WEEKS_MINUTES * 2),
    originBoardId: 4,
    autoStartStop: false,
    synced: false,
  };
}

const build =
  <K extends JiraSprintEventName>(webhookEvent: K, state: JiraSprint["state"]) =>
  (clock: Clock): JiraEventOf<K> =>
    ({ timestamp: clock.now, webhookEvent, sprint: sprint(clock, state) }) as JiraEventOf<K>;

/** `sprint_*`: the sprint (numeric `id`); `sprint_updated` adds the fields as they were. */
export const SPRINT_EVENTS: { [K in JiraSprintEventName]: (clock: Clock) => JiraEventOf<K> } = {
  sprint_created: build("sprint_created", "future"),
  sprint_updated: (clock) => ({
    timestamp: clock.now,
    webhookEvent: "sprint_updated",
    sprint: sprint(clock, "future"),
    oldValue: { ...sprint(clock, "future"), goal: "Rotate the webhook secrets" },
  }),
  sprint_deleted: build("sprint_deleted", "future"),
  sprint_started: build("sprint_started", "active"),
  sprint_closed: build("sprint_closed", "closed"),
};
