export { MOUNT_ORDER_FIX } from "./body-cache.js";
export { verifyWebhook } from "./verify-webhook.js";
export type { WebhookEnv, WebhookVariables } from "./webhook-env.js";
