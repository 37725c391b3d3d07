import type { ALBEvent, ALBResult } from "aws-lambda";
import { type EventFormat, JSON_CONTENT_TYPE, statusCodeOf } from "./event-format.js";
import { headerLookup } from "./headers.js";
import { statusDescription } from "./status-description.js";

/**
 * ALB target groups of type `lambda`: `requestContext.elb`, lowercase header names, and either
 * `headers` or, with the target group's `lambda.multi_value_headers.enabled`, `multiValueHeaders`
 * only.
 */
export function isAlbEvent(event: object): event is ALBEvent {
  const { requestContext } = event as { requestContext?: unknown };
  return typeof requestContext === "object" && requestContext !== null && "elb" in requestContext;
}

export const alb: EventFormat<ALBEvent, ALBResult> = {
  headers: (event) => headerLookup(event),
  // A target group with multi-value headers reads only `multiValueHeaders` from the result.
  answer: (event, status, body) => ({
    statusCode: status,
    statusDescription: statusDescription(status),
    ...(isMultiValue(event)
      ? { multiValueHeaders: { "content-type": [JSON_CONTENT_TYPE] } }
      : { headers: { "content-type": JSON_CONTENT_TYPE } }),
    body,
    isBase64Encoded: false,
  }),
  // A result ALB cannot read is LambdaInvalidResponse in its logs, and 502 to the client.
  answeredStatus: (result) => statusCodeOf(result) ?? 502,
};

function isMultiValue(event: ALBEvent): boolean {
  return typeof event.multiValueHeaders === "object" && event.multiValueHeaders !== null;
}
