import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type EventFormat, JSON_CONTENT_TYPE, statusCodeOf } from "./event-format.js";
import { headerLookup } from "./headers.js";

/**
 * API Gateway HTTP APIs with payload format 2.0, and Lambda function URLs, which use the same
 * shape: `version: "2.0"`, `rawPath`, `requestContext.http`, lowercase `headers` (repeated ones
 * joined by commas) and the Cookie header moved to `cookies`.
 */
export function isApiGatewayV2Event(event: object): event is APIGatewayProxyEventV2 {
  const { rawPath, requestContext } = event as { rawPath?: unknown; requestContext?: unknown };
  const http = (requestContext as { http?: unknown } | null | undefined)?.http;
  return typeof rawPath === "string" && typeof http === "object" && http !== null;
}

export const apiGatewayV2: EventFormat<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> =
  {
    headers: (event) => headerLookup(event),
    answer: (_event, status, body) => ({
      statusCode: status,
      headers: { "content-type": JSON_CONTENT_TYPE },
      body,
      isBase64Encoded: false,
    }),
    // Payload 2.0 reads a result without statusCode as the body of a 200 answer; one whose
    // statusCode is not a status is a malformed response (HTTP APIs answer 500, function URLs 502).
    answeredStatus: (result) => {
      const status = statusCodeOf(result);
      if (status !== undefined) return status;
      const declared = typeof result === "object" && result !== null && "statusCode" in result;
      return declared ? 500 : 200;
    },
  };
