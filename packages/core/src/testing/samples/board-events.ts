import type { JiraBoardEventName, JiraEventOf } from "../../jira/events.ts";
import { AGILE, API, type Clock, PROJECT } from "./site.ts";

const board = { id: 4, self: `${AGILE}/board/4`, name: "OPS board", type: "scrum" } as const;

const build =
  <K extends JiraBoardEventName>(webhookEvent: K) =>
  (clock: Clock): JiraEventOf<K> =>
    ({ timestamp: clock.now, webhookEvent, board: { ...board } }) as JiraEventOf<K>;

/** `board_*`, and `board_configuration_changed` with the board's filter and columns. */
export const BOARD_EVENTS: {
  [K in JiraBoardEventName | "board_configuration_changed"]: (clock: Clock) => JiraEventOf<K>;
} = {
  board_created: build("board_created"),
  board_updated: build("board_updated"),
  board_deleted: build("board_deleted"),
  board_configuration_changed: (clock) => ({
    timestamp: clock.now,
    webhookEvent: "board_configuration_changed",
    configuration: {
      ...board,
      filter: { id: "10003", self: `${API}/filter/10003` },
      location: { type: "project", projectKeyOrId: PROJECT.key },
      columnConfig: {
        columns: [
          { name: "To Do", statuses: [{ id: "10000", self: `${API}/status/10000` }] },
          { name: "In Progress", statuses: [{ id: "3", self: `${API}/status/3` }] },
          { name: "Done", statuses: [{ id: "10001", self: `${API}/status/10001` }] },
        ],
        constraintType: "issueCount",
      },
      estimation: {
        type: "field",
        field: { fieldId: "customfield_10016", displayName: "Story point estimate" },
      },
      ranking: { rankCustomFieldId: 10019 },
    },
  }),
};
