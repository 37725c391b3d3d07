export { type JiraDelivery, type JiraDeliveryOptions, jiraDelivery } from "./jira-delivery.js";
export { JIRA_EVENT_NAMES, jiraSamplePayload, type SampleOptions } from "./sample-payload.js";
export { signedRequest } from "./signed-request.js";
