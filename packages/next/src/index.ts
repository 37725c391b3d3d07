export { type WebhookRouteHandler, withVerifiedWebhook } from "./with-verified-webhook.js";
export { type WebhookApiHandler, withVerifiedWebhookApi } from "./with-verified-webhook-api.js";
