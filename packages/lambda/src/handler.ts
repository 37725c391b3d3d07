import { createVerifier, type WebhookOptions } from "@hubsig/core";
import { settleByStatus, webhookPipeline } from "@hubsig/core/adapter";
import { DEFAULT_MAX_BODY_BYTES, failureBody } from "@hubsig/core/request";
import { alb, isAlbEvent } from "./alb.js";
import { apiGateway, isApiGatewayEvent } from "./api-gateway.js";
import { apiGatewayV2, isApiGatewayV2Event } from "./api-gateway-v2.js";
import type { EventFormat } from "./event-format.js";
import type {
  LambdaWebhookHandler,
  VerifiedLambdaHandler,
  WebhookEvent,
  WebhookResult,
} from "./types.js";
import { verifyEvent } from "./verify-event.js";

/**
 * Wraps a Lambda handler so that it only runs for deliveries whose `X-Hub-Signature` matches,
 * behind any HTTP integration: API Gateway REST APIs (payload 1.0), HTTP APIs (1.0 or 2.0),
 * Lambda function URLs, and ALB target groups with or without multi-value headers. The format is
 * read from each event, and every answer of its own comes in that format's result shape.
 *
 * The signature is checked over the bytes the sender signed: a base64-encoded body
 * (`isBase64Encoded: true`) over its decoded bytes, a plain body over its UTF-8 bytes, no body over
 * zero bytes (Jira's "Exclude body" webhooks). Header names match in any case. Refused deliveries
 * get `{ "error": reason, "message": text }` as JSON with 401, 400, 413 (over `maxBodyBytes`),
 * 415 (a `Content-Encoding`) or 500 (a body that is not what Lambda delivers, say parsed by a
 * middleware), and the handler does not run; ALB answers carry a `statusDescription`.
 *
 * `handler(webhook, event, context)` gets the event and context as Lambda passed them; what it
 * returns is passed on unchanged, and what it throws propagates to the Lambda runtime, which
 * reports a function error (API Gateway REST APIs answer it with 502, HTTP APIs with 500, function
 * URLs and ALB with 502: all retried by Jira). With `dedupe` the handler runs once per
 * `X-Atlassian-Webhook-Identifier`: a throw, or a result whose `statusCode` Jira retries (5xx,
 * 408, 409, 425, 429), releases the delivery for the retry; a handled delivery's retry gets 200
 * `{ "duplicate": true }`, one that arrives while the first attempt runs 409. Across concurrent
 * Lambda instances, use a shared store such as `redisDeliveryStore` from `@hubsig/redis`.
 * `replay`, `diagnose`, `header`, `algorithms` and `onFailure(failure, event)` work as in every
 * adapter; a `secret` function is called with the event.
 *
 * Options are checked when the module loads (a missing secret, a bad `maxBodyBytes`, `replay`
 * without `dedupe` throw `TypeError` during the init phase, not on the first delivery), and a
 * fixed secret's keys are prepared once per execution environment. An event that is none of the
 * formats above (an SQS message, a scheduled ping) throws `TypeError`.
 *
 * @example
 * ```ts
 * // index.ts: the function's handler
 * import { withVerifiedWebhook } from "@hubsig/lambda";
 * import type { APIGatewayProxyEventV2 } from "aws-lambda";
 *
 * export const handler = withVerifiedWebhook<unknown, APIGatewayProxyEventV2>(
 *   { secret: [process.env.JIRA_WEBHOOK_SECRET!, process.env.JIRA_WEBHOOK_SECRET_PREVIOUS!] },
 *   async (webhook, event, context) => {
 *     console.log(webhook.payload, webhook.delivery.id, context.awsRequestId);
 *     return { statusCode: 204 };
 *   },
 * );
 * ```
 */
export function withVerifiedWebhook<T = unknown, E extends WebhookEvent = WebhookEvent>(
  options: WebhookOptions<E>,
  handler: LambdaWebhookHandler<T, E>,
): VerifiedLambdaHandler<E> {
  const maxBytes = checkedMaxBytes(options.maxBodyBytes);
  const pipeline = webhookPipeline(options, {
    createVerifier,
    loadDiagnose: () => import("@hubsig/core/diagnose"),
  });
  return async (event, context) => {
    const format = formatOf(event) as EventFormat<E, WebhookResult<E>>;
    const header = format.headers(event);
    const verified = await pipeline.verify<T>(event, (verifier) =>
      verifyEvent<T>(event, header, verifier, options, maxBytes),
    );
    if (!verified.ok) return format.answer(event, verified.status, failureBody(verified));
    const ran = await pipeline.run(
      event,
      verified,
      () => handler(verified.webhook, event, context),
      (result) => settleByStatus(format.answeredStatus(result)),
    );
    if (!ran.ok) return format.answer(event, ran.status, failureBody(ran));
    return ran.duplicate ? format.answer(event, ran.status, ran.body) : ran.result;
  };
}

// ALB first: its events also carry `httpMethod` and `path`, as REST API events do.
function formatOf(event: unknown): EventFormat<never, unknown> {
  if (typeof event === "object" && event !== null) {
    if (isAlbEvent(event)) return alb;
    if (isApiGatewayV2Event(event)) return apiGatewayV2;
    if (isApiGatewayEvent(event)) return apiGateway;
  }
  throw new TypeError(
    "hubsig: withVerifiedWebhook takes HTTP events only: API Gateway REST and HTTP APIs, function URLs and ALB target groups. This event is none of them.",
  );
}

function checkedMaxBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (typeof value !== "number" || !(value >= 0) || !Number.isInteger(value)) {
    throw new TypeError(
      `hubsig: maxBodyBytes must be a whole number of bytes, 0 or more (got ${String(value)}).`,
    );
  }
  return value;
}
