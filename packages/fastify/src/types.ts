import type { VerifiedWebhook, WebhookOptions } from "@hubsig/core";
import type { FastifyRequest, RouteGenericInterface } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The verified delivery, set by the `verifyWebhook` plugin from `@hubsig/fastify` on the
     * routes of the context it is registered in; `undefined` everywhere else.
     */
    webhook?: VerifiedWebhook;
  }
}

/**
 * The options of the `verifyWebhook` plugin: every `WebhookOptions` of `@hubsig/core`, with the
 * Fastify request as what a secret function and `onFailure` receive.
 *
 * @example
 * ```ts
 * const options: FastifyWebhookOptions = {
 *   secret: (request) => secrets.get((request.params as { site: string }).site),
 *   onFailure: (failure, request) => request.log.warn({ reason: failure.reason }, "refused"),
 * };
 * await scope.register(verifyWebhook, options);
 * ```
 */
export type FastifyWebhookOptions = WebhookOptions<FastifyRequest>;

/**
 * A Fastify request on a route behind `verifyWebhook`: `request.webhook` is set and
 * `request.body` is its payload (`undefined` for a Jira webhook set to "Exclude body").
 *
 * @example
 * ```ts
 * import type { JiraWebhookEvent } from "@hubsig/core/jira";
 *
 * async function handle(request: WebhookRequest<JiraWebhookEvent>) {
 *   console.log(request.body?.webhookEvent, request.webhook.delivery.id);
 * }
 * scope.post("/webhooks/jira", async (request, reply) => {
 *   await handle(request as WebhookRequest<JiraWebhookEvent>);
 *   return reply.code(204).send();
 * });
 * ```
 */
export type WebhookRequest<
  T = unknown,
  Route extends RouteGenericInterface = RouteGenericInterface,
> = Omit<FastifyRequest<Omit<Route, "Body"> & { Body: T | undefined }>, "webhook"> & {
  webhook: VerifiedWebhook<T>;
};
