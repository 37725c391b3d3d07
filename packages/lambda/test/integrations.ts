// The services in front of a Lambda function, as the tests model them: the event each one builds
// for an HTTP request, and what the sender receives for the function's result or its failure.
// No AWS service is reachable from the tests, so the events follow AWS's documented samples,
// field for field, with the request's own headers and body put in:
//
// - REST API (payload 1.0): "Input format of a Lambda function for proxy integration", API
//   Gateway Developer Guide (set-up-lambda-proxy-integrations.md): the POST /testStage/hello/world
//   event, with `headers` in the client's case and `multiValueHeaders` beside them, `body: null`
//   when there is none. Binary bodies: base64 only for content types in the API's
//   binaryMediaTypes (none by default; the second REST model lists */*).
// - HTTP API, payload 1.0 and 2.0: "Working with AWS Lambda proxy integrations for HTTP APIs",
//   API Gateway Developer Guide (http-api-develop-integrations-lambda.md): the 2.0 event
//   (`version`, `routeKey`, `rawPath`, `rawQueryString`, `cookies`, `requestContext.http`,
//   repeated headers joined by commas, no multi-value fields) and the 1.0 event (`version: "1.0"`).
//   Both samples keep header names capitalized (`Header1`); so do these models, and the handler
//   must read them in any case.
// - Function URL: "Invoking Lambda function URLs", Lambda Developer Guide (urls-invocation.md): the
//   2.0 request payload with `routeKey` and `stage` "$default" and the `x-amzn-*` headers Lambda
//   adds; auth type NONE (Jira cannot sign with SigV4), so no `authorizer`.
// - ALB: "Lambda functions as targets", Elastic Load Balancing User Guide (lambda-functions.md)
//   and "Using AWS Lambda with an Application Load Balancer", Lambda Developer Guide
//   (services-alb.md): `requestContext.elb.targetGroupArn`, lowercase headers, `body: ""` when
//   there is none; bodies of text/*, application/json, application/javascript and application/xml
//   as they are, every other type base64-encoded; with multi-value headers enabled, only
//   `multiValueHeaders` and `multiValueQueryStringParameters`.
//
// HTTP APIs and function URLs are given ALB's text/binary split for their `isBase64Encoded`: the
// guides say only that a binary body is base64-encoded.
//
// What the sender receives when the function fails (a throw, a rejected promise), or returns a
// result the service cannot read:
// - REST API: 502 `{"message": "Internal server error"}` ("Handling Lambda errors with an API
//   Gateway API", Lambda Developer Guide, services-apigateway-errors.md; "If the function output
//   is of a different format, API Gateway returns a 502 Bad Gateway", set-up-lambda-proxy-integrations.md).
//   API Gateway does not retry the invocation itself; the sender (Jira) retries the 5xx.
// - HTTP API: 500 `{"message":"Internal Server Error"}` (http-api-troubleshooting-lambda.md; its
//   access logs show status 500 with errorResponseType MALFORMED_PROXY_RESPONSE for a malformed
//   result, as in middyjs/middy#1005).
// - Function URL: 502 "Internal Server Error" (as reported in awsdocs/aws-lambda-developer-guide#430).
// - ALB: 502 Bad Gateway, `LambdaUnhandled` (or `LambdaInvalidResponse`) in the access log's
//   error_reason ("Access logs for your Application Load Balancer", load-balancer-access-logs.md).

import { Buffer } from "node:buffer";
import { STATUS_CODES } from "node:http";
import type { Answer } from "@hubsig/test-kit";
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from "aws-lambda";
import type { VerifiedLambdaHandler, WebhookEvent } from "../src/index.js";

export const PATH = "/webhooks/jira";

/** One service in front of the function. */
export interface Integration {
  name: string;
  /** The event the service builds for a POST of `body` with `headers` (names as the client sent them). */
  event(body: string | Uint8Array, headers: Record<string, string>): WebhookEvent;
  /** A route's result for `status` and an optional JSON body, in this format's shape. */
  result(status: number, body?: unknown): unknown;
  /** What the sender receives for the function's result, as the service reads it off the wire. */
  received(result: unknown, event: WebhookEvent): Answer;
  /** What the sender receives when the function fails. */
  functionError: FunctionError;
  /** The request path, as the event carries it. */
  path(event: WebhookEvent): string;
}

interface FunctionError {
  status: number;
  contentType: string;
  body: string;
}

const utf8 = new TextEncoder();
// A service that takes a body as text replaces bytes that are not UTF-8.
const lossy = new TextDecoder();
const REQUEST_TIME = "04/Mar/2026:19:15:17 +0000";
const REQUEST_TIME_EPOCH = 1772651717135;

const bytesOf = (body: string | Uint8Array) =>
  typeof body === "string" ? utf8.encode(body) : body;
const textOf = (body: string | Uint8Array) =>
  typeof body === "string" ? body : lossy.decode(body);
const base64Of = (body: string | Uint8Array) => Buffer.from(bytesOf(body)).toString("base64");

/** ALB's list of content types it passes as text; everything else, or none, is base64. */
export function isTextType(contentType: string | undefined): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type === "application/javascript" ||
    type === "application/xml"
  );
}

/** The request as it left the client: fetch's default Content-Type, then the given headers. */
function sent(headers: Record<string, string>): [string, string][] {
  const all: Record<string, string> = { "content-type": "application/json", ...headers };
  return Object.entries(all);
}

function contentTypeOf(entries: [string, string][]): string | undefined {
  return entries.find(([name]) => name.toLowerCase() === "content-type")?.[1];
}

// ---------------------------------------------------------------------------------------------
// API Gateway REST API and HTTP API with payload format 1.0

function restEvent(
  body: string | Uint8Array,
  headers: Record<string, string>,
  options: { binaryMediaTypes: boolean; version?: "1.0" },
): APIGatewayProxyEvent {
  const entries: [string, string][] = [
    ["Accept", "*/*"],
    ["CloudFront-Forwarded-Proto", "https"],
    ["CloudFront-Viewer-Country", "US"],
    ["Host", "gy415nuibc.execute-api.us-east-1.amazonaws.com"],
    ["User-Agent", "Atlassian Webhook HTTP Client"],
    ["Via", "1.1 d98420743a69852491bbdea73f7680bd.cloudfront.net (CloudFront)"],
    ["X-Amz-Cf-Id", "pn-PWIJc6thYnZm5P0NMgOUglL1DYtl0gdeJky8tqsg8iS_sgsKD1A=="],
    ["X-Amzn-Trace-Id", "Root=1-5e6a1a8d-3c0b6a8e2f1d4c5b6a7e8f90"],
    ["X-Forwarded-For", "54.240.196.186, 54.182.214.83"],
    ["X-Forwarded-Port", "443"],
    ["X-Forwarded-Proto", "https"],
    ...sent(headers),
  ];
  const empty = bytesOf(body).byteLength === 0;
  const encode = options.binaryMediaTypes && !empty;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of entries) {
    single[name] = value; // a repeated header keeps its last value here
    multi[name] = [...(multi[name] ?? []), value];
  }
  return {
    ...(options.version ? { version: options.version } : {}),
    resource: PATH,
    path: PATH,
    httpMethod: "POST",
    headers: single,
    multiValueHeaders: multi,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "gy415nuibc",
      authorizer: undefined,
      domainName: "gy415nuibc.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "gy415nuibc",
      extendedRequestId: "FOjNQEjfBcwFtAg=",
      httpMethod: "POST",
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: "54.240.196.186",
        user: null,
        userAgent: "Atlassian Webhook HTTP Client",
        userArn: null,
      },
      path: `/testStage${PATH}`,
      protocol: "HTTP/1.1",
      requestId: "deef4878-7910-11e6-8f14-25afc3e9ae33",
      requestTime: REQUEST_TIME,
      requestTimeEpoch: REQUEST_TIME_EPOCH,
      resourceId: "roq9wj",
      resourcePath: PATH,
      stage: "testStage",
    },
    body: empty ? null : encode ? base64Of(body) : textOf(body),
    isBase64Encoded: encode,
  } as APIGatewayProxyEvent;
}

function restReceived(result: unknown, functionError: FunctionError): Answer {
  const wire = onTheWire(result) as Record<string, unknown> | null;
  if (typeof wire?.statusCode !== "number") return failed(functionError);
  return answer(
    wire.statusCode,
    wire.headers,
    wire.multiValueHeaders,
    wire.body,
    wire.isBase64Encoded,
  );
}

function restResult(status: number, body?: unknown) {
  return body === undefined
    ? { statusCode: status, body: "" }
    : {
        statusCode: status,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      };
}

const REST_ERROR: FunctionError = {
  status: 502,
  contentType: "application/json",
  body: '{"message": "Internal server error"}',
};
const HTTP_API_ERROR: FunctionError = {
  status: 500,
  contentType: "application/json",
  body: '{"message":"Internal Server Error"}',
};

export const restApi: Integration = {
  name: "API Gateway REST API (payload 1.0)",
  event: (body, headers) => restEvent(body, headers, { binaryMediaTypes: false }),
  result: restResult,
  received: (result) => restReceived(result, REST_ERROR),
  functionError: REST_ERROR,
  path: (event) => (event as APIGatewayProxyEvent).path,
};

export const restApiBinary: Integration = {
  ...restApi,
  name: "API Gateway REST API with binaryMediaTypes */* (payload 1.0, every body base64)",
  event: (body, headers) => restEvent(body, headers, { binaryMediaTypes: true }),
};

export const httpApiV1: Integration = {
  ...restApi,
  name: "API Gateway HTTP API (payload 1.0)",
  // HTTP APIs encode binary bodies whatever the API's settings.
  event: (body, headers) => {
    const type = contentTypeOf(sent(headers));
    return restEvent(body, headers, { binaryMediaTypes: !isTextType(type), version: "1.0" });
  },
  received: (result) => restReceived(result, HTTP_API_ERROR),
  functionError: HTTP_API_ERROR,
};

// ---------------------------------------------------------------------------------------------
// Payload format 2.0: HTTP API and function URL

function v2Event(
  body: string | Uint8Array,
  headers: Record<string, string>,
  service: "http-api" | "function-url",
): APIGatewayProxyEventV2 {
  const url = service === "function-url";
  const domain = url
    ? "abcdefg7hijklmnop3qrstuvwxyz4a5b.lambda-url.us-east-1.on.aws"
    : "r3pmxmplak.execute-api.us-east-1.amazonaws.com";
  const entries: [string, string][] = [
    ["accept", "*/*"],
    ["host", domain],
    ["user-agent", "Atlassian Webhook HTTP Client"],
    ["x-amzn-trace-id", "Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e"],
    ["x-forwarded-for", "54.240.196.186"],
    ["x-forwarded-port", "443"],
    ["x-forwarded-proto", "https"],
    ...(url
      ? ([
          ["x-amzn-tls-cipher-suite", "ECDHE-RSA-AES128-GCM-SHA256"],
          ["x-amzn-tls-version", "TLSv1.2"],
        ] as [string, string][])
      : []),
    ...sent(headers),
  ];
  const joined: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of entries) {
    // Function URLs pass names in lowercase, the HTTP API guide's sample as the client sent them.
    const key = url ? name.toLowerCase() : name;
    if (key.toLowerCase() === "cookie") cookies.push(...value.split("; "));
    else joined[key] = joined[key] === undefined ? value : `${joined[key]},${value}`;
  }
  const empty = bytesOf(body).byteLength === 0;
  const encode = !empty && !isTextType(contentTypeOf(Object.entries(joined)));
  const routeKey = url ? "$default" : `POST ${PATH}`;
  return {
    version: "2.0",
    routeKey,
    rawPath: PATH,
    rawQueryString: "",
    ...(cookies.length > 0 ? { cookies } : {}),
    headers: joined,
    requestContext: {
      accountId: url ? "anonymous" : "123456789012",
      apiId: domain.split(".")[0] as string,
      domainName: domain,
      domainPrefix: domain.split(".")[0] as string,
      http: {
        method: "POST",
        path: PATH,
        protocol: "HTTP/1.1",
        sourceIp: "54.240.196.186",
        userAgent: "Atlassian Webhook HTTP Client",
      },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey,
      stage: "$default",
      time: REQUEST_TIME,
      timeEpoch: REQUEST_TIME_EPOCH,
    },
    // Payload 2.0 leaves `body` out when the request has none.
    ...(empty ? {} : { body: encode ? base64Of(body) : textOf(body) }),
    isBase64Encoded: encode,
  } as APIGatewayProxyEventV2;
}

// Payload 2.0 takes a string, or an object without statusCode, as the JSON body of a 200.
function v2Received(result: unknown, functionError: FunctionError): Answer {
  const wire = onTheWire(result);
  if (
    typeof wire === "string" ||
    typeof wire !== "object" ||
    wire === null ||
    !("statusCode" in wire)
  ) {
    const body = typeof wire === "string" ? wire : JSON.stringify(wire);
    return answer(200, { "content-type": "application/json" }, undefined, body, false);
  }
  const structured = wire as Record<string, unknown>;
  if (typeof structured.statusCode !== "number") return failed(functionError);
  return answer(
    structured.statusCode,
    structured.headers,
    undefined,
    structured.body,
    structured.isBase64Encoded,
  );
}

function v2Result(status: number, body?: unknown) {
  return body === undefined
    ? { statusCode: status }
    : {
        statusCode: status,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      };
}

const URL_ERROR: FunctionError = {
  status: 502,
  contentType: "text/plain",
  body: "Internal Server Error",
};

export const httpApiV2: Integration = {
  name: "API Gateway HTTP API (payload 2.0)",
  event: (body, headers) => v2Event(body, headers, "http-api"),
  result: v2Result,
  received: (result) => v2Received(result, HTTP_API_ERROR),
  functionError: HTTP_API_ERROR,
  path: (event) => (event as APIGatewayProxyEventV2).rawPath,
};

export const functionUrl: Integration = {
  name: "Lambda function URL (payload 2.0)",
  event: (body, headers) => v2Event(body, headers, "function-url"),
  result: v2Result,
  received: (result) => v2Received(result, URL_ERROR),
  functionError: URL_ERROR,
  path: (event) => (event as APIGatewayProxyEventV2).rawPath,
};

// ---------------------------------------------------------------------------------------------
// ALB target groups

function albEvent(
  body: string | Uint8Array,
  headers: Record<string, string>,
  multiValue: boolean,
): ALBEvent {
  const given: [string, string][] = [
    ["accept", "*/*"],
    ["host", "lambda-alb-123578498.us-east-1.elb.amazonaws.com"],
    ["user-agent", "Atlassian Webhook HTTP Client"],
    ["x-amzn-trace-id", "Root=1-5c536348-3d683b8b04734faae651f476"],
    ["x-forwarded-for", "72.12.164.125"],
    ["x-forwarded-port", "443"],
    ["x-forwarded-proto", "https"],
    ...sent(headers),
  ];
  const entries = given.map(([name, value]): [string, string] => [name.toLowerCase(), value]);
  const empty = bytesOf(body).byteLength === 0;
  const encode = !empty && !isTextType(contentTypeOf(entries));
  const fields = multiValue
    ? {
        multiValueQueryStringParameters: {},
        multiValueHeaders: entries.reduce<Record<string, string[]>>((all, [name, value]) => {
          all[name] = [...(all[name] ?? []), value];
          return all;
        }, {}),
      }
    : {
        queryStringParameters: {},
        // Without multi-value headers ALB keeps the last value of a repeated header.
        headers: Object.fromEntries(entries),
      };
  return {
    requestContext: {
      elb: {
        targetGroupArn:
          "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-279XGJDqGZ5rsrHC2Fjr/49e9d65c45c6791a",
      },
    },
    httpMethod: "POST",
    path: PATH,
    ...fields,
    body: empty ? "" : encode ? base64Of(body) : textOf(body),
    isBase64Encoded: encode,
  };
}

const ALB_ERROR: FunctionError = {
  status: 502,
  contentType: "text/html",
  body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
};

function albReceived(result: unknown, event: WebhookEvent): Answer {
  const wire = onTheWire(result) as Record<string, unknown> | null;
  if (typeof wire?.statusCode !== "number") return failed(ALB_ERROR);
  // "You must use multiValueHeaders if you have enabled multi-value headers and headers otherwise."
  const multi = (event as ALBEvent).multiValueHeaders !== undefined;
  return multi
    ? answer(wire.statusCode, undefined, wire.multiValueHeaders, wire.body, wire.isBase64Encoded)
    : answer(wire.statusCode, wire.headers, undefined, wire.body, wire.isBase64Encoded);
}

function albResult(status: number, body: unknown, multiValue: boolean) {
  const type = { "content-type": "application/json" };
  return {
    statusCode: status,
    statusDescription: `${status} ${STATUS_CODES[status] ?? ""}`.trim(),
    ...(body === undefined
      ? {}
      : multiValue
        ? { multiValueHeaders: { "content-type": [type["content-type"]] } }
        : { headers: type }),
    body: body === undefined ? "" : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

export const alb: Integration = {
  name: "ALB target group",
  event: (body, headers) => albEvent(body, headers, false),
  result: (status, body) => albResult(status, body, false),
  received: albReceived,
  functionError: ALB_ERROR,
  path: (event) => (event as ALBEvent).path,
};

export const albMultiValue: Integration = {
  ...alb,
  name: "ALB target group with multi-value headers",
  event: (body, headers) => albEvent(body, headers, true),
  result: (status, body) => albResult(status, body, true),
};

/** Every integration the handler is tested behind. */
export const INTEGRATIONS: readonly Integration[] = [
  restApi,
  restApiBinary,
  httpApiV1,
  httpApiV2,
  functionUrl,
  alb,
  albMultiValue,
];

// ---------------------------------------------------------------------------------------------
// Invocation, as the Lambda runtime for Node.js does it

/**
 * A context object with the properties the Node.js runtime passes ("AWS Lambda context object in
 * Node.js", Lambda Developer Guide, nodejs-context.md).
 */
export function lambdaContext(timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const requestId = crypto.randomUUID();
  const legacy = () => {
    throw new Error("async handlers return their result instead");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "jira-webhook",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:jira-webhook",
    memoryLimitInMB: "128",
    awsRequestId: requestId,
    logGroupName: "/aws/lambda/jira-webhook",
    logStreamName: "2026/03/04/[$LATEST]e6f4a0c4241adcd70c262d34c0bbc85c",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: legacy,
    fail: legacy,
    succeed: legacy,
  };
}

/**
 * Calls the handler with an event and a context, as the runtime does, and turns the outcome into
 * what the sender receives: the result as the service reads it, or the service's answer to a
 * function error. `errors` collects what the function threw.
 */
export async function invoke(
  integration: Integration,
  handler: VerifiedLambdaHandler<never>,
  event: WebhookEvent,
  errors: unknown[],
): Promise<Answer> {
  let result: unknown;
  try {
    result = await (handler as VerifiedLambdaHandler)(event, lambdaContext());
  } catch (error) {
    errors.push(error);
    return failed(integration.functionError);
  }
  return integration.received(result, event);
}

// The runtime sends the result to the service as JSON.
function onTheWire(result: unknown): unknown {
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

function failed({ status, contentType, body }: FunctionError): Answer {
  return answer(status, { "content-type": contentType }, undefined, body, false);
}

function answer(
  status: number,
  headers: unknown,
  multiValueHeaders: unknown,
  body: unknown,
  isBase64Encoded: unknown,
): Answer {
  const list = new Headers();
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    list.set(name, String(value));
  }
  for (const [name, values] of Object.entries(
    (multiValueHeaders ?? {}) as Record<string, unknown>,
  )) {
    list.delete(name);
    for (const value of values as unknown[]) list.append(name, String(value));
  }
  const raw = typeof body === "string" ? body : "";
  const text = isBase64Encoded === true ? Buffer.from(raw, "base64").toString("utf8") : raw;
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status, headers: list, json, text };
}
