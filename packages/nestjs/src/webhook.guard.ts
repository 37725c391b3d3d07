import { isClientAbort, verifyNodeRequest, type WebhookFailure } from "@hubsig/core/request";
import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
} from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { restoreContentType } from "./body-routing.js";
import type { NestRequest } from "./options.js";
import { nodeRequestOf, nodeResponseOf } from "./platform.js";
import { pendingClaims, webhooks } from "./request-state.js";
import { hasInterceptor } from "./webhook.interceptor.js";
import { WebhookException } from "./webhook-exception.js";
import { WebhookPipelines } from "./webhook-pipelines.js";

/**
 * The sentence a 500 `body_unavailable` answer ends with: how to give the guard the raw bytes.
 *
 * @example
 * ```ts
 * expect(body.message).toContain(RAW_BODY_FIX);
 * ```
 */
export const RAW_BODY_FIX =
  "Create the application with NestFactory.create(AppModule, { rawBody: true }), so that Nest keeps the exact bytes as req.rawBody for the guard to verify.";

/**
 * Verifies a signed webhook delivery (`X-Hub-Signature: method=hex`) over the exact bytes
 * received, before the route runs. On success `@Webhook()` gives the route the
 * `VerifiedWebhook` and `@Body()` is its payload (`undefined` for a Jira webhook set to
 * "Exclude body"); otherwise it throws a {@link WebhookException}, which Nest answers with the
 * failure's status and `{ "error", "message" }`, and the route never runs.
 *
 * The bytes are `req.rawBody`, which Nest keeps with `NestFactory.create(AppModule, { rawBody:
 * true })`, on Express and on Fastify; a body Nest's parsers leave alone (a content type they do
 * not parse) is read here, at most `maxBodyBytes`. A body that was parsed without its raw bytes
 * answers 500 `body_unavailable` naming that fix. Options are `HubsigModule`'s, with
 * `@WebhookOptions()` of the controller and of the route laid over them. With `dedupe`, the
 * route runs once per delivery: `WebhookInterceptor`, which the module puts on the route,
 * claims the delivery after this guard and keeps it claimed until the route's answer was sent.
 *
 * @example
 * ```ts
 * import { Body, Controller, HttpCode, Post, UseGuards } from "@nestjs/common";
 * import { Webhook, WebhookGuard } from "@hubsig/nestjs";
 * import type { VerifiedWebhook } from "@hubsig/core";
 *
 * @Controller("webhooks")
 * export class JiraController {
 *   @Post("jira")
 *   @HttpCode(204)
 *   @UseGuards(WebhookGuard)
 *   receive(@Body() event: { webhookEvent: string }, @Webhook() webhook: VerifiedWebhook) {
 *     console.log(event.webhookEvent, webhook.delivery.id);
 *   }
 * }
 * ```
 */
@Injectable()
export class WebhookGuard implements CanActivate {
  constructor(
    @Inject(WebhookPipelines) private readonly pipelines: WebhookPipelines,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== "http") {
      throw new TypeError("hubsig: WebhookGuard guards HTTP routes only.");
    }
    const http = context.switchToHttp();
    const request = http.getRequest<NestRequest>();
    const { pipeline, options } = this.pipelines.for(context.getClass(), context.getHandler());
    const message = nodeRequestOf(request);
    restoreContentType(message);
    let verified: Awaited<ReturnType<typeof pipeline.verify>>;
    try {
      verified = await pipeline.verify(request, (verifier) =>
        verifyNodeRequest(message, verifier, options, {
          raw: request.rawBody,
          parsed: request.body,
          fix: RAW_BODY_FIX,
        }),
      );
    } catch (error) {
      // There is nobody left to answer: no error for Nest to log, and nothing to report.
      if (isClientAbort(error)) throw new ClientGoneException();
      throw error;
    }
    if (!verified.ok) {
      const response = nodeResponseOf(http.getResponse());
      // The unread rest of a body would otherwise be parsed as the next request on the socket.
      if (verified.status === 413 || !message.readableEnded) {
        response.setHeader("Connection", "close");
      }
      throw new WebhookException(verified as WebhookFailure);
    }
    // Without its interceptor nothing would claim the delivery: refuse to run it unprotected.
    if (
      options.dedupe &&
      !hasInterceptor(this.reflector, context.getClass(), context.getHandler())
    ) {
      throw new Error(
        "hubsig: dedupe needs WebhookInterceptor on this route. HubsigModule adds it to routes guarded with @UseGuards(WebhookGuard); for a guard registered otherwise, add @UseInterceptors(WebhookInterceptor).",
      );
    }
    request.body = verified.webhook.payload;
    webhooks.set(request, verified.webhook);
    // Only a route with dedupe has an interceptor to take the claim: elsewhere the entry would
    // hold the delivery's bytes and payload until the request is collected.
    if (options.dedupe) pendingClaims.set(request, { pipeline, verified });
    return true;
  }
}

// 499 as nginx logs it: the client closed the connection before its body ended. Nest's filter
// logs no HttpException and writes the answer to a socket that is already gone.
class ClientGoneException extends HttpException {
  constructor() {
    super("Client closed request", 499);
  }
}
