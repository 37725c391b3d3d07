export type { FastifyWebhookOptions, WebhookRequest } from "./types.js";
export {
  PARSER_CONFLICT_FIX,
  verifyWebhook,
  verifyWebhook as default,
} from "./verify-webhook.js";
