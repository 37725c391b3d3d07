import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { type EventFormat, JSON_CONTENT_TYPE, statusCodeOf } from "./event-format.js";
import { headerLookup } from "./headers.js";

/**
 * API Gateway REST APIs, and HTTP APIs set to payload format 1.0: `httpMethod`, `path`,
 * `headers` with names as the client sent them and `multiValueHeaders` beside them.
 */
export function isApiGatewayEvent(event: object): event is APIGatewayProxyEvent {
  return typeof (event as { httpMethod?: unknown }).httpMethod === "string";
}

export const apiGateway: EventFormat<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  headers: (event) => headerLookup(event),
  answer: (_event, status, body) => ({
    statusCode: status,
    headers: { "content-type": JSON_CONTENT_TYPE },
    body,
    isBase64Encoded: false,
  }),
  // A result without a numeric statusCode is a "malformed Lambda proxy response": API Gateway
  // answers 502 Bad Gateway.
  answeredStatus: (result) => statusCodeOf(result) ?? 502,
};
