export { MOUNT_ORDER_FIX, verifyWebhook } from "./verify-webhook.js";
