export { MOUNT_ORDER_FIX, verifyWebhook, type WebhookState } from "./verify-webhook.js";
