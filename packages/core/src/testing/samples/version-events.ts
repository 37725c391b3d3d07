import type { JiraEventOf, JiraVersionEventName } from "../../jira/events.ts";
import { API, type Clock, PROJECT_ID } from "./site.ts";

const build =
  <K extends JiraVersionEventName>(webhookEvent: K, released: boolean) =>
  (clock: Clock): JiraEventOf<K> => {
    const day = clock.date().slice(0, 10);
    return {
      timestamp: clock.now,
      webhookEvent,
      version: {
        self: `${API}/version/10021`,
        id: "10021",
        description: "Secret rotation without downtime",
        name: "2.4.0",
        archived: false,
        released,
        ...(released ? { releaseDate: day } : {}),
        overdue: false,
        ...(released ? { userReleaseDate: userDate(day) } : {}),
        projectId: Number(PROJECT_ID),
      },
    } as JiraEventOf<K>;
  };

// `2024-11-28` as Jira shows it to people: `28/Nov/24`.
function userDate(day: string): string {
  const [year, month, date] = day.split("-");
  const name = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][
    Number(month) - 1
  ];
  return `${date}/${name}/${year?.slice(2)}`;
}

/** `jira:version_*`: the version (`id` a string, `projectId` a number); no `user`. */
export const VERSION_EVENTS: { [K in JiraVersionEventName]: (clock: Clock) => JiraEventOf<K> } = {
  "jira:version_released": build("jira:version_released", true),
  "jira:version_unreleased": build("jira:version_unreleased", false),
  "jira:version_created": build("jira:version_created", false),
  "jira:version_moved": build("jira:version_moved", false),
  "jira:version_updated": build("jira:version_updated", false),
  "jira:version_deleted": build("jira:version_deleted", false),
  "jira:version_merged": build("jira:version_merged", false),
};
