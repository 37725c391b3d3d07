// The one Jira Cloud site every sample comes from: its people, project and issue, so that the
// samples agree with each other (the comment's issue is the updated issue, and so on).
import type {
  JiraAvatarUrls,
  JiraIssue,
  JiraIssueFields,
  JiraProject,
  JiraUser,
} from "../../jira/entities.ts";

export const SITE = "https://acme.atlassian.net";
export const API = `${SITE}/rest/api/2`;
export const AGILE = `${SITE}/rest/agile/1.0`;

/** The instant a sample is built for, and the same instant as Jira writes dates. */
export interface Clock {
  /** Milliseconds since the epoch: the payload's `timestamp`. */
  now: number;
  /** `2024-11-28T10:15:02.118+0000`, `minutesAgo` before `now`. */
  date(minutesAgo?: number): string;
}

export function clockAt(now: number): Clock {
  return {
    now,
    date: (minutesAgo = 0) =>
      new Date(now - minutesAgo * 60_000).toISOString().replace("Z", "+0000"),
  };
}

const avatars = (seed: string, initials: string): JiraAvatarUrls => {
  const url = (size: number) =>
    `https://secure.gravatar.com/avatar/${seed}?d=https%3A%2F%2Favatar-management--avatars.us-west-2.prod.public.atl-paas.net%2Finitials%2F${initials}-1.png&s=${size}`;
  return { "48x48": url(48), "24x24": url(24), "16x16": url(16), "32x32": url(32) };
};

const person = (
  accountId: string,
  displayName: string,
  timeZone: string,
  initials: string,
): JiraUser => ({
  self: `${API}/user?accountId=${encodeURIComponent(accountId)}`,
  accountId,
  avatarUrls: avatars(accountId.slice(-12).replace(/[^0-9a-f]/g, "0"), initials),
  displayName,
  active: true,
  timeZone,
  accountType: "atlassian",
});

/** Reports and creates; the project lead. */
export const MIA = person("5b10ac8d82e05b22cc7d4ef5", "Mia Krystof", "Europe/Berlin", "MK");
/** Assigned; updates issues and runs the sprint. */
export const ZOE = person(
  "712020:3f1c8a0e-6d2b-4c55-9a57-bb1e2f0c7d41",
  "Zoë Lefèvre",
  "Europe/Paris",
  "ZL",
);
/** Comments and logs work, in text outside ASCII: receivers that re-encode bodies break on it. */
export const HIRO = person(
  "70121:9e8d4f2a-1b3c-4d5e-8f90-a1b2c3d4e5f6",
  "佐藤 浩",
  "Asia/Tokyo",
  "SH",
);

export const PROJECT_ID = "10000";

/** The project as issues carry it (`id` a string) */
export const PROJECT: JiraProject = {
  self: `${API}/project/${PROJECT_ID}`,
  id: PROJECT_ID,
  key: "OPS",
  name: "Operations",
  projectTypeKey: "software",
  simplified: false,
  avatarUrls: {
    "48x48": `${API}/universal_avatar/view/type/project/avatar/10408?size=large`,
    "24x24": `${API}/universal_avatar/view/type/project/avatar/10408?size=small`,
    "16x16": `${API}/universal_avatar/view/type/project/avatar/10408?size=xsmall`,
    "32x32": `${API}/universal_avatar/view/type/project/avatar/10408?size=medium`,
  },
};

export const ISSUE_ID = "10142";
export const ISSUE_KEY = "OPS-142";
const SUMMARY = "Webhook deliveries rejected after secret rotation";

const STATUSES = {
  "To Do": { id: "10000", category: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" } },
  "In Progress": {
    id: "3",
    category: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  },
} as const;

export type StatusName = keyof typeof STATUSES;

/** The issue's fields in full, as issue events send them. */
export function issueFields(
  clock: Clock,
  state: { status: StatusName; assigned: boolean },
): JiraIssueFields {
  const status = STATUSES[state.status];
  return {
    statuscategorychangedate: clock.date(30),
    issuetype: {
      self: `${API}/issuetype/10004`,
      id: "10004",
      description: "A problem or error.",
      iconUrl: `${API}/universal_avatar/view/type/issuetype/avatar/10303?size=medium`,
      name: "Bug",
      subtask: false,
      avatarId: 10303,
      hierarchyLevel: 0,
    },
    timespent: null,
    project: PROJECT,
    fixVersions: [],
    resolution: null,
    resolutiondate: null,
    workratio: -1,
    watches: { self: `${API}/issue/${ISSUE_KEY}/watchers`, watchCount: 1, isWatching: true },
    created: clock.date(30),
    priority: {
      self: `${API}/priority/2`,
      iconUrl: `${SITE}/images/icons/priorities/high.svg`,
      name: "High",
      id: "2",
    },
    labels: ["webhooks", "security"],
    versions: [],
    issuelinks: [],
    assignee: state.assigned ? ZOE : null,
    updated: clock.date(),
    status: {
      self: `${API}/status/${status.id}`,
      description: "",
      iconUrl: `${SITE}/`,
      name: state.status,
      id: status.id,
      statusCategory: { self: `${API}/statuscategory/${status.category.id}`, ...status.category },
    },
    components: [],
    description:
      "Since the secret was rotated, every delivery is answered 401 signature_mismatch.\n\nThe receiver still holds the previous secret only.",
    customfield_10016: 3,
    customfield_10019: "0|i0001r:",
    customfield_10020: null,
    attachment: [],
    summary: SUMMARY,
    creator: MIA,
    subtasks: [],
    reporter: MIA,
    environment: null,
    duedate: null,
  };
}

export function issue(clock: Clock, state: { status: StatusName; assigned: boolean }): JiraIssue {
  return {
    id: ISSUE_ID,
    self: `${API}/${ISSUE_ID}`,
    key: ISSUE_KEY,
    fields: issueFields(clock, state),
  };
}

/** The shortened issue that comment events carry. */
export function shortIssue(): JiraIssue {
  const status = STATUSES["In Progress"];
  return {
    id: ISSUE_ID,
    self: `${API}/${ISSUE_ID}`,
    key: ISSUE_KEY,
    fields: {
      summary: SUMMARY,
      issuetype: {
        self: `${API}/issuetype/10004`,
        id: "10004",
        description: "A problem or error.",
        iconUrl: `${API}/universal_avatar/view/type/issuetype/avatar/10303?size=medium`,
        name: "Bug",
        subtask: false,
        avatarId: 10303,
        hierarchyLevel: 0,
      },
      project: PROJECT,
      assignee: ZOE,
      priority: {
        self: `${API}/priority/2`,
        iconUrl: `${SITE}/images/icons/priorities/high.svg`,
        name: "High",
        id: "2",
      },
      status: {
        self: `${API}/status/${status.id}`,
        description: "",
        iconUrl: `${SITE}/`,
        name: "In Progress",
        id: status.id,
        statusCategory: { self: `${API}/statuscategory/${status.category.id}`, ...status.category },
      },
    },
  };
}
