export { HubsigModule } from "./hubsig.module.js";
export {
  HUBSIG_OPTIONS,
  type HubsigAsyncOptions,
  type HubsigOptions,
  type NestRequest,
} from "./options.js";
export { Webhook } from "./webhook.decorator.js";
export { RAW_BODY_FIX, WebhookGuard } from "./webhook.guard.js";
export { WebhookInterceptor } from "./webhook.interceptor.js";
export { WebhookException } from "./webhook-exception.js";
export { WEBHOOK_OPTIONS_METADATA, WebhookOptions } from "./webhook-options.decorator.js";
