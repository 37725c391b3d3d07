// A local HTTP bridge to the Lambda function in handler.js: it turns each HTTP request into the
// event a Lambda function URL sends (payload format 2.0), calls the handler the way the Lambda
// runtime does, and writes its result back as HTTP. It is not API Gateway and not a function URL:
// no AWS service is involved, and only the parts of the event the handler reads are real.
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1] node server.js
import { Buffer } from "node:buffer";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { announceListening, cannotListen, closeOnSignals } from "demo-support/lifecycle";
import { demoSettings } from "demo-support/settings";

const NAME = "lambda-demo";
const { port, host } = demoSettings(NAME);

// The init phase: Lambda loads the function's module once per execution environment.
const { handler } = await import("./handler.js").catch((error) => {
  console.error(error.message); // a bad setting, reported as Lambda reports an init error
  process.exit(1);
});

// A synchronous invocation carries at most 6 MB; Lambda refuses a bigger request with 413.
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/**
 * Reads the request body: the bytes, `"too large"` once it passes `MAX_REQUEST_BYTES`, or
 * `"aborted"` when the client hung up before sending it all (the function is never invoked then).
 */
async function readRequest(req) {
  if (Number(req.headers["content-length"]) > MAX_REQUEST_BYTES) return "too large";
  const chunks = [];
  let total = 0;
  try {
    for await (const chunk of req) {
      total += chunk.byteLength;
      if (total > MAX_REQUEST_BYTES) return "too large";
      chunks.push(chunk);
    }
  } catch (error) {
    if (req.destroyed || error?.code === "ECONNRESET") return "aborted";
    throw error;
  }
  return req.complete ? Buffer.concat(chunks) : "aborted";
}

// Function URLs pass text as it is and base64-encode every other body.
function isText(contentType = "") {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type === "application/javascript" ||
    type === "application/xml"
  );
}

/** The payload 2.0 event of a function URL for this request. */
function toEvent(req, body) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const headers = {};
  let cookies;
  // Lowercase names, repeated headers joined by commas, the Cookie header moved to `cookies`.
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    const value = req.rawHeaders[i + 1];
    if (name === "cookie") cookies = [...(cookies ?? []), ...value.split(/;\s*/)];
    else headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const now = new Date();
  const text =
    isText(headers["content-type"]) &&
    (!headers["content-encoding"] || headers["content-encoding"] === "identity");
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    requestContext: {
      accountId: "anonymous",
      apiId: "lambda-demo",
      domainName: headers.host ?? `${host}:${port}`,
      domainPrefix: "lambda-demo",
      http: {
        method: req.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.byteLength > 0
      ? { body: text ? body.toString("utf8") : body.toString("base64") }
      : {}),
    isBase64Encoded: body.byteLength > 0 && !text,
  };
}

/** The context object the Node.js runtime passes. */
function toContext() {
  const deadline = Date.now() + TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: NAME,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${NAME}`,
    memoryLimitInMB: "128",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${NAME}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Writes a payload 2.0 result as a function URL does. */
function send(res, result) {
  const structured =
    typeof result === "object" && result !== null && "statusCode" in result ? result : undefined;
  if (!structured) {
    // A string or an object without statusCode is the JSON body of a 200.
    res.writeHead(200, { "content-type": "application/json" });
    res.end(typeof result === "string" ? result : JSON.stringify(result ?? null));
    return;
  }
  const { statusCode, headers = {}, cookies = [], body = "", isBase64Encoded } = structured;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.statusCode = statusCode;
  res.end(isBase64Encoded ? Buffer.from(body, "base64") : body);
}

const server = createServer(async (req, res) => {
  try {
    const body = await readRequest(req);
    if (body === "aborted") return; // nobody to answer
    if (body === "too large") {
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      res.end('{"message":"Request Entity Too Large"}');
      return;
    }
    send(res, await handler(toEvent(req, body), toContext()));
  } catch (error) {
    // A function error: the runtime logs it, and a function URL answers 502.
    console.error(`${NAME}: function error:`, error);
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  }
});

server.listen(port, host, () =>
  announceListening(NAME, server.address(), "(a local bridge to handler.js, not API Gateway)"),
);
server.on("error", (error) => cannotListen(NAME, host, port, error));

closeOnSignals(NAME, () => new Promise((resolve) => server.close(resolve)));
