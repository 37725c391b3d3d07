export { MOUNT_ORDER_FIX } from "./body-cache.ts";
export { verifyWebhook } from "./verify-webhook.ts";
export type { WebhookEnv, WebhookVariables } from "./webhook-env.ts";
