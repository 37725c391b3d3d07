import type { JiraWebhookEvent } from "@hubsig/core/jira";
import type {
  ALBEvent,
  ALBHandler,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResult,
  APIGatewayProxyResultV2,
  Context,
  LambdaFunctionURLHandler,
} from "aws-lambda";
import { describe, expectTypeOf, it } from "vitest";
import { withVerifiedWebhook } from "./handler.js";
import type { WebhookEvent, WebhookResult } from "./types.js";

const secret = "s";

describe("types", () => {
  it("maps each event to its proxy result", () => {
    expectTypeOf<WebhookResult<APIGatewayProxyEvent>>().toEqualTypeOf<APIGatewayProxyResult>();
    expectTypeOf<WebhookResult<APIGatewayProxyEventV2>>().toEqualTypeOf<APIGatewayProxyResultV2>();
    expectTypeOf<WebhookResult<ALBEvent>>().toEqualTypeOf<ALBResult>();
    expectTypeOf<
      WebhookResult<APIGatewayProxyEventV2WithJWTAuthorizer>
    >().toEqualTypeOf<APIGatewayProxyResultV2>();
    expectTypeOf<WebhookResult>().toEqualTypeOf<
      APIGatewayProxyResult | APIGatewayProxyResultV2 | ALBResult
    >();
  });

  it("returns handlers that @types/aws-lambda's handler types accept", () => {
    const v2 = withVerifiedWebhook<unknown, APIGatewayProxyEventV2>({ secret }, async () => ({
      statusCode: 204,
    }));
    expectTypeOf(v2).toExtend<APIGatewayProxyHandlerV2>();
    expectTypeOf(v2).toExtend<LambdaFunctionURLHandler>();
    const rest = withVerifiedWebhook<unknown, APIGatewayProxyEvent>({ secret }, () => ({
      statusCode: 204,
      body: "",
    }));
    expectTypeOf(rest).toExtend<APIGatewayProxyHandler>();
    const alb = withVerifiedWebhook<unknown, ALBEvent>({ secret }, () => ({
      statusCode: 204,
      statusDescription: "204 No Content",
    }));
    expectTypeOf(alb).toExtend<ALBHandler>();
    expectTypeOf(alb).parameters.toEqualTypeOf<[ALBEvent, Context]>();
  });

  it("types the payload, the event and the options' request by the type arguments", () => {
    withVerifiedWebhook<JiraWebhookEvent, APIGatewayProxyEventV2>(
      {
        secret: (event) => {
          expectTypeOf(event).toEqualTypeOf<APIGatewayProxyEventV2>();
          return secret;
        },
        onFailure: (_failure, event) => expectTypeOf(event.rawPath).toBeString(),
      },
      (webhook, event, context) => {
        expectTypeOf(webhook.payload).toEqualTypeOf<JiraWebhookEvent | undefined>();
        expectTypeOf(event).toEqualTypeOf<APIGatewayProxyEventV2>();
        expectTypeOf(context).toEqualTypeOf<Context>();
        return "payload 2.0 takes a plain string";
      },
    );
    withVerifiedWebhook({ secret }, (_webhook, event) => {
      expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
      return { statusCode: 204, body: "" };
    });
  });

  it("refuses a result of the wrong shape at compile time", () => {
    // @ts-expect-error: a REST API result needs a body
    withVerifiedWebhook<unknown, APIGatewayProxyEvent>({ secret }, () => ({ statusCode: 204 }));
    // @ts-expect-error: statusCode is a number
    withVerifiedWebhook<unknown, ALBEvent>({ secret }, () => ({ statusCode: "204" }));
  });
});
