import { SetMetadata } from "@nestjs/common";
import type { HubsigOptions } from "./options.js";

/**
 * The metadata key `@WebhookOptions()` writes and `WebhookGuard` reads.
 *
 * @example
 * ```ts
 * const options = reflector.get(WEBHOOK_OPTIONS_METADATA, JiraController.prototype.receive);
 * ```
 */
export const WEBHOOK_OPTIONS_METADATA = "hubsig:webhook-options";

/**
 * Options for the webhook routes of one controller (on the class) or one route (on the method),
 * laid over `HubsigModule`'s options: a route's own over its controller's over the module's,
 * option by option. Another tenant's secret, another signature header (GitHub's
 * `x-hub-signature-256`), another body limit, another delivery store. `WebhookGuard` prepares
 * each route's options once, when the application starts: bad ones throw `TypeError` there.
 *
 * @example
 * ```ts
 * @Controller("webhooks")
 * @UseGuards(WebhookGuard)
 * export class WebhooksController {
 *   @Post("jira")
 *   jira(@Body() event: JiraWebhookEvent) {} // the module's options
 *
 *   @Post("github")
 *   @WebhookOptions({ secret: process.env.GITHUB_WEBHOOK_SECRET!, header: "x-hub-signature-256" })
 *   github(@Webhook() webhook: VerifiedWebhook) {}
 * }
 * ```
 */
export function WebhookOptions(options: Partial<HubsigOptions>): ClassDecorator & MethodDecorator {
  return SetMetadata(WEBHOOK_OPTIONS_METADATA, options);
}
