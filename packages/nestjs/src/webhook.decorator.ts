import type { VerifiedWebhook } from "@hubsig/core";
import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import { webhooks } from "./request-state.js";

/**
 * The `VerifiedWebhook` of the delivery `WebhookGuard` let through: `payload` (also what
 * `@Body()` gives), `rawBody`, `algorithm`, `secretIndex` and Jira's `delivery` headers. Used on
 * a route without the guard, it throws (500) rather than hand over an unverified request.
 *
 * @example
 * ```ts
 * import type { VerifiedWebhook } from "@hubsig/core";
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 *
 * @Post("jira")
 * @UseGuards(WebhookGuard)
 * receive(@Webhook() webhook: VerifiedWebhook<JiraWebhookEvent>) {
 *   console.log(webhook.payload?.webhookEvent, webhook.delivery.id, webhook.secretIndex);
 * }
 * ```
 */
export const Webhook: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): VerifiedWebhook => {
    const webhook = webhooks.get(context.switchToHttp().getRequest<object>());
    if (!webhook) {
      throw new Error(
        "@Webhook() from @hubsig/nestjs needs @UseGuards(WebhookGuard) on its route or controller.",
      );
    }
    return webhook;
  },
);
