export { MOUNT_ORDER_FIX, verifyWebhook } from "./verify-webhook.js";
export {
  type WebhookRequest,
  type WebhookRequestHandler,
  webhookHandler,
} from "./webhook-handler.js";
