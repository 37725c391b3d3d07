export {
  accepted,
  type Delivery,
  MAX_BODY_BYTES,
  type Refusal,
  type RefusalOptions,
  refused,
} from "./deliveries.ts";
export { GITHUB_VECTOR } from "./github.ts";
export { type Answer, chunked, endless, post, postJira, send } from "./http.ts";
export {
  freshJiraBody,
  JIRA_BODY,
  JIRA_HEADERS,
  jiraBody,
  jiraHeaders,
  PREVIOUS,
  SECRET,
  withId,
} from "./jira.ts";
export { signed } from "./sign.ts";
export { TENANTS } from "./tenants.ts";
