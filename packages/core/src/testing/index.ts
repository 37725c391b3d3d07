export { type JiraDelivery, type JiraDeliveryOptions, jiraDelivery } from "./jira-delivery.ts";
export { JIRA_EVENT_NAMES, jiraSamplePayload, type SampleOptions } from "./sample-payload.ts";
export { signedRequest } from "./signed-request.ts";
