import type { VerifiedWebhook } from "@hubsig/core";
import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyResultV2,
  Context,
} from "aws-lambda";

/**
 * The HTTP events a verified handler accepts: API Gateway REST APIs (and HTTP APIs with payload
 * format 1.0), HTTP APIs with payload format 2.0, Lambda function URLs (the 2.0 shape, typed as
 * `APIGatewayProxyEventV2` by `@types/aws-lambda`), and ALB target groups with or without
 * multi-value headers.
 *
 * @example
 * ```ts
 * import type { APIGatewayProxyEventV2 } from "aws-lambda";
 *
 * const event: WebhookEvent = {} as APIGatewayProxyEventV2;
 * ```
 */
export type WebhookEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | ALBEvent;

/**
 * The proxy result that answers an event of type `E`: `APIGatewayProxyResult` for REST APIs,
 * `APIGatewayProxyResultV2` for HTTP APIs and function URLs, `ALBResult` for ALB target groups.
 * A union of events gives the union of their results.
 *
 * @example
 * ```ts
 * import type { ALBEvent } from "aws-lambda";
 *
 * const answer: WebhookResult<ALBEvent> = {
 *   statusCode: 204,
 *   statusDescription: "204 No Content",
 * };
 * ```
 */
export type WebhookResult<E extends WebhookEvent = WebhookEvent> = E extends ALBEvent
  ? ALBResult
  : E extends APIGatewayProxyEventV2
    ? APIGatewayProxyResultV2
    : APIGatewayProxyResult;

/**
 * What a verified handler receives once the delivery is verified: the webhook, and the event and
 * context exactly as Lambda passed them. What it returns is the answer, passed on unchanged.
 *
 * @example
 * ```ts
 * import type { APIGatewayProxyEventV2 } from "aws-lambda";
 *
 * const handler: LambdaWebhookHandler<{ webhookEvent: string }, APIGatewayProxyEventV2> = async (
 *   webhook,
 *   event,
 *   context,
 * ) => {
 *   console.log(webhook.payload?.webhookEvent, event.rawPath, context.awsRequestId);
 *   return { statusCode: 204 };
 * };
 * ```
 */
export type LambdaWebhookHandler<T = unknown, E extends WebhookEvent = WebhookEvent> = (
  webhook: VerifiedWebhook<T>,
  event: E,
  context: Context,
) => WebhookResult<E> | Promise<WebhookResult<E>>;

/**
 * The Lambda handler `withVerifiedWebhook` returns: the runtime calls it with the event and the
 * context, and it resolves to the proxy result.
 *
 * @example
 * ```ts
 * import type { APIGatewayProxyEventV2 } from "aws-lambda";
 *
 * export const handler: VerifiedLambdaHandler<APIGatewayProxyEventV2> = withVerifiedWebhook(
 *   { secret: process.env.JIRA_WEBHOOK_SECRET! },
 *   async () => ({ statusCode: 204 }),
 * );
 * ```
 */
export type VerifiedLambdaHandler<E extends WebhookEvent = WebhookEvent> = (
  event: E,
  context: Context,
) => Promise<WebhookResult<E>>;
