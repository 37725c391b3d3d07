export {
  accepted,
  type Delivery,
  MAX_BODY_BYTES,
  type Refusal,
  type RefusalOptions,
  refused,
} from "./deliveries.js";
export { GITHUB_VECTOR } from "./github.js";
export { type Answer, chunked, endless, post, postJira, send } from "./http.js";
export {
  freshJiraBody,
  JIRA_BODY,
  JIRA_HEADERS,
  jiraBody,
  jiraHeaders,
  PREVIOUS,
  SECRET,
  withId,
} from "./jira.js";
export { signed } from "./sign.js";
export { TENANTS } from "./tenants.js";
