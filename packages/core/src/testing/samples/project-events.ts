import type { JiraEventOf, JiraProjectEventName } from "../../jira/events.ts";
import { type Clock, MIA, PROJECT, PROJECT_ID } from "./site.ts";

const build =
  <K extends JiraProjectEventName>(webhookEvent: K) =>
  (clock: Clock): JiraEventOf<K> =>
    ({
      timestamp: clock.now,
      webhookEvent,
      user: MIA,
      // Project events send the id as a number, unlike the project inside an issue.
      project: {
        self: PROJECT.self,
        id: Number(PROJECT_ID),
        key: PROJECT.key,
        name: PROJECT.name,
        avatarUrls: PROJECT.avatarUrls,
        projectLead: MIA,
        assigneeType: "admin.assignee.type.unassigned",
      },
    }) as JiraEventOf<K>;

/** `project_*`: created, updated, deleted, trashed and restored, archived and restored. */
export const PROJECT_EVENTS: { [K in JiraProjectEventName]: (clock: Clock) => JiraEventOf<K> } = {
  project_created: build("project_created"),
  project_updated: build("project_updated"),
  project_deleted: build("project_deleted"),
  project_soft_deleted: build("project_soft_deleted"),
  project_restored_deleted: build("project_restored_deleted"),
  project_archived: build("project_archived"),
  project_restored_archived: build("project_restored_archived"),
};
