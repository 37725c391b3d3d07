export { eventHeader } from "./event-header.js";
export { withVerifiedWebhook } from "./handler.js";
export type {
  LambdaWebhookHandler,
  VerifiedLambdaHandler,
  WebhookEvent,
  WebhookResult,
} from "./types.js";
