import { Buffer } from "node:buffer";
import type { VerifiedWebhook, WebhookFailureReport } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { GITHUB_VECTOR, JIRA_BODY, PREVIOUS, SECRET, signed, withId } from "@hubsig/test-kit";
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from "aws-lambda";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  alb,
  albMultiValue,
  functionUrl,
  httpApiV1,
  httpApiV2,
  INTEGRATIONS,
  type Integration,
  lambdaContext,
  restApi,
  restApiBinary,
} from "../test/integrations.js";
import { withVerifiedWebhook } from "./handler.js";
import type { WebhookEvent } from "./types.js";

const JSON_TYPE = "application/json; charset=utf-8";
const utf8 = new TextEncoder();
const bytes = (body: string | Uint8Array) => (typeof body === "string" ? utf8.encode(body) : body);
const sig = (body: string | Uint8Array, secret = SECRET) =>
  signed(new Uint8Array(bytes(body)), secret);

/** A handler that records what it was given and answers 204 in the event's format. */
function recorded(integration: Integration, options: Record<string, unknown> = {}) {
  const seen: { webhook: VerifiedWebhook; event: unknown; context: Context }[] = [];
  const failures: { failure: WebhookFailureReport; event: unknown }[] = [];
  const handler = withVerifiedWebhook(
    {
      secret: [SECRET, PREVIOUS],
      onFailure: (failure, event) => failures.push({ failure, event }),
      ...options,
    },
    (webhook, event, context) => {
      seen.push({ webhook, event, context });
      return integration.result(204) as never;
    },
  );
  return { handler, seen, failures };
}

const call = (handler: (event: never, context: Context) => Promise<unknown>, event: unknown) =>
  handler(event as never, lambdaContext()) as Promise<Record<string, unknown>>;

describe("withVerifiedWebhook: what it answers itself", () => {
  const refusal = { error: "missing_signature", message: expect.any(String) };

  it.each([
    [restApi, ["body", "headers", "isBase64Encoded", "statusCode"]],
    [httpApiV1, ["body", "headers", "isBase64Encoded", "statusCode"]],
    [httpApiV2, ["body", "headers", "isBase64Encoded", "statusCode"]],
    [functionUrl, ["body", "headers", "isBase64Encoded", "statusCode"]],
  ])("refuses in the proxy result shape of $name", async (integration, keys) => {
    const { handler, seen } = recorded(integration);
    const result = await call(handler, integration.event(JIRA_BODY, {}));
    expect(Object.keys(result).sort()).toEqual(keys);
    expect(result).toMatchObject({
      statusCode: 401,
      headers: { "content-type": JSON_TYPE },
      isBase64Encoded: false,
    });
    expect(JSON.parse(result.body as string)).toEqual(refusal);
    expect(seen).toEqual([]);
  });

  it("refuses behind ALB with statusDescription and headers", async () => {
    const { handler } = recorded(alb);
    const result = await call(handler, alb.event(JIRA_BODY, {}));
    expect(Object.keys(result).sort()).toEqual([
      "body",
      "headers",
      "isBase64Encoded",
      "statusCode",
      "statusDescription",
    ]);
    expect(result).toMatchObject({
      statusCode: 401,
      statusDescription: "401 Unauthorized",
      headers: { "content-type": JSON_TYPE },
    });
    expect(JSON.parse(result.body as string)).toEqual(refusal);
  });

  it("refuses behind ALB with multi-value headers in multiValueHeaders only", async () => {
    const { handler } = recorded(albMultiValue);
    const result = await call(handler, albMultiValue.event(JIRA_BODY, {}));
    expect(result.headers).toBeUndefined();
    expect(result).toMatchObject({
      statusCode: 401,
      statusDescription: "401 Unauthorized",
      multiValueHeaders: { "content-type": [JSON_TYPE] },
      isBase64Encoded: false,
    });
  });

  it("gives every status it answers with its reason phrase behind ALB", async () => {
    const store = memoryDeliveryStore();
    const down = {
      ...memoryDeliveryStore(),
      begin: () => Promise.reject(new Error("ECONNREFUSED")),
    };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = (options: Record<string, unknown>, route?: () => Promise<unknown>) =>
      withVerifiedWebhook({ secret: SECRET, ...options }, async () => {
        await route?.();
        return alb.result(204) as never;
      });
    const plain = answer({ maxBodyBytes: 64 });
    const signedHeaders = { "x-hub-signature": await sig(JIRA_BODY), ...withId("d-alb") };
    const description = async (handler: ReturnType<typeof answer>, event: unknown) =>
      (await call(handler, event)).statusDescription;

    expect(await description(plain, alb.event("{}", { "x-hub-signature": "sha1" }))).toBe(
      "400 Bad Request",
    );
    expect(await description(plain, alb.event(JIRA_BODY, signedHeaders))).toBe(
      "413 Content Too Large",
    );
    expect(
      await description(
        plain,
        alb.event("{}", { "x-hub-signature": await sig("{}"), "content-encoding": "gzip" }),
      ),
    ).toBe("415 Unsupported Media Type");
    const parsed = { ...alb.event("{}", { "x-hub-signature": await sig("{}") }), body: {} };
    expect(await description(plain, parsed)).toBe("500 Internal Server Error");
    expect(
      await description(answer({ dedupe: { store: down } }), alb.event(JIRA_BODY, signedHeaders)),
    ).toBe("503 Service Unavailable");

    const once = answer({ dedupe: { store } }, () => held);
    const first = call(once, alb.event(JIRA_BODY, signedHeaders));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await description(once, alb.event(JIRA_BODY, signedHeaders))).toBe("409 Conflict");
    release();
    expect((await first).statusCode).toBe(204);
    const duplicate = await call(once, alb.event(JIRA_BODY, signedHeaders));
    expect(duplicate).toMatchObject({
      statusCode: 200,
      statusDescription: "200 OK",
      headers: { "content-type": JSON_TYPE },
    });
    expect(JSON.parse(duplicate.body as string)).toEqual({ duplicate: true });
  });

  it.each(INTEGRATIONS)(
    "answers a duplicate with 200 { duplicate: true } in the shape of $name",
    async (integration) => {
      const { handler, seen } = recorded(integration, { dedupe: { store: memoryDeliveryStore() } });
      const event = integration.event(JIRA_BODY, {
        "x-hub-signature": await sig(JIRA_BODY),
        ...withId("d-1"),
      });
      await call(handler, event);
      const answer = integration.received(await call(handler, event), event);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ duplicate: true });
      expect(answer.headers.get("content-type")).toBe(JSON_TYPE);
      expect(seen).toHaveLength(1);
    },
  );
});

describe("withVerifiedWebhook: the handler", () => {
  it.each(INTEGRATIONS)(
    "gets the event and context as Lambda passed them, and its result goes out unchanged, behind $name",
    async (integration) => {
      const result = { ...(integration.result(202, { ok: true }) as object), extra: ["kept"] };
      const calls: unknown[][] = [];
      const handler = withVerifiedWebhook({ secret: SECRET }, (...args) => {
        calls.push(args);
        return result as never;
      });
      const event = integration.event(JIRA_BODY, { "x-hub-signature": await sig(JIRA_BODY) });
      const context = lambdaContext();
      expect(await handler(event as never, context)).toBe(result);
      expect(calls).toHaveLength(1);
      const [webhook, passedEvent, passedContext] = calls[0] as [VerifiedWebhook, unknown, Context];
      expect(passedEvent).toBe(event);
      expect(passedContext).toBe(context);
      expect(webhook.payload).toEqual(JSON.parse(JIRA_BODY));
      expect(new TextDecoder().decode(webhook.rawBody)).toBe(JIRA_BODY);
    },
  );

  it.each(INTEGRATIONS)(
    "propagates what the handler throws, the same error, behind $name",
    async (integration) => {
      const error = new Error("database down");
      const handler = withVerifiedWebhook({ secret: SECRET }, () => {
        throw error;
      });
      const event = integration.event(JIRA_BODY, { "x-hub-signature": await sig(JIRA_BODY) });
      await expect(handler(event as never, lambdaContext())).rejects.toBe(error);
    },
  );

  it("passes the event to a secret function and to onFailure", async () => {
    const event = httpApiV2.event(JIRA_BODY, { "x-hub-signature": await sig(JIRA_BODY, "wrong") });
    const secret = vi.fn(() => SECRET);
    const onFailure = vi.fn();
    const handler = withVerifiedWebhook({ secret, onFailure }, () => ({ statusCode: 204 }));
    expect((await call(handler, event)).statusCode).toBe(401);
    expect(secret).toHaveBeenCalledWith(event);
    expect(onFailure).toHaveBeenCalledWith(
      expect.objectContaining({ status: 401, reason: "signature_mismatch" }),
      event,
    );
  });

  it("gives onFailure the probable cause with diagnose: true, never the answer", async () => {
    const compact = JSON.stringify(JSON.parse(JIRA_BODY));
    const pretty = JSON.stringify(JSON.parse(JIRA_BODY), null, 2);
    const { handler, failures } = recorded(httpApiV2, { diagnose: true });
    const result = await call(
      handler,
      httpApiV2.event(pretty, { "x-hub-signature": await sig(compact) }),
    );
    expect(JSON.parse(result.body as string)).toEqual({
      error: "signature_mismatch",
      message: expect.any(String),
    });
    expect(failures[0]?.failure.findings?.map((finding) => finding.cause)).toContain(
      "body_reserialized",
    );
  });
});

describe("withVerifiedWebhook: bytes", () => {
  it.each(INTEGRATIONS)(
    "verifies GitHub's and Atlassian's published vectors behind $name",
    async (integration) => {
      const github = withVerifiedWebhook(
        { secret: GITHUB_VECTOR.secret, header: "X-Hub-Signature-256" },
        (webhook) => integration.result(200, webhook.payload) as never,
      );
      const event = integration.event(GITHUB_VECTOR.body, {
        "content-type": "text/plain",
        "X-Hub-Signature-256": GITHUB_VECTOR.header,
      });
      expect(integration.received(await call(github, event), event).json).toBe("Hello, World!");

      const atlassian = withVerifiedWebhook(
        { secret: "It's a Secret to Everybody" },
        (webhook) => integration.result(200, webhook.payload) as never,
      );
      const jira = integration.event("Hello World!", {
        "content-type": "text/plain",
        "X-Hub-Signature":
          "sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9",
      });
      expect(integration.received(await call(atlassian, jira), jira).json).toBe("Hello World!");
    },
  );

  const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
  const BINARY = INTEGRATIONS.filter((integration) => integration !== restApi);

  it.each(BINARY)(
    "verifies a binary body over its decoded bytes behind $name",
    async (integration) => {
      const { handler, seen } = recorded(integration);
      const event = integration.event(ALL_BYTES, {
        "content-type": "application/octet-stream",
        "x-hub-signature": await sig(ALL_BYTES),
      });
      expect(event.isBase64Encoded).toBe(true);
      expect((await call(handler, event)).statusCode).toBe(204);
      expect(seen[0]?.webhook.rawBody).toEqual(ALL_BYTES);
    },
  );

  it("cannot verify a binary body that a REST API without binaryMediaTypes passed as text", async () => {
    // API Gateway decodes such a body as text: the bytes that are not UTF-8 are gone.
    const { handler, failures } = recorded(restApi);
    const event = restApi.event(ALL_BYTES, {
      "content-type": "application/octet-stream",
      "x-hub-signature": await sig(ALL_BYTES),
    });
    expect(event.isBase64Encoded).toBe(false);
    expect((await call(handler, event)).statusCode).toBe(401);
    expect(failures[0]?.failure.reason).toBe("signature_mismatch");
  });

  it.each(INTEGRATIONS)(
    "verifies non-ASCII JSON sent base64-encoded over its UTF-8 bytes behind $name",
    async (integration) => {
      const { handler, seen } = recorded(integration);
      const event = integration.event(JIRA_BODY, { "x-hub-signature": await sig(JIRA_BODY) });
      const encoded = {
        ...event,
        body: Buffer.from(JIRA_BODY).toString("base64"),
        isBase64Encoded: true,
      };
      expect((await call(handler, encoded)).statusCode).toBe(204);
      expect(seen[0]?.webhook.rawBody).toEqual(utf8.encode(JIRA_BODY));
      expect(seen[0]?.webhook.payload).toEqual(JSON.parse(JIRA_BODY));
    },
  );

  it("hashes the decoded bytes, never the base64 text", async () => {
    const text = Buffer.from(JIRA_BODY).toString("base64");
    const { handler } = recorded(httpApiV2);
    const event = { ...httpApiV2.event(JIRA_BODY, {}), body: text, isBase64Encoded: true };
    const overText = {
      ...event,
      headers: { ...event.headers, "x-hub-signature": await sig(text) },
    };
    const overBytes = {
      ...event,
      headers: { ...event.headers, "x-hub-signature": await sig(JIRA_BODY) },
    };
    expect((await call(handler, overText)).statusCode).toBe(401);
    expect((await call(handler, overBytes)).statusCode).toBe(204);
  });

  it("verifies any bytes, base64-encoded, and any text, as it is, behind every integration", async () => {
    const handlers = new Map(
      INTEGRATIONS.map((integration) => [integration, recorded(integration)]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INTEGRATIONS),
        fc.oneof(
          fc
            .uint8Array({ maxLength: 2048 })
            .map((body) => ({ body, type: "application/octet-stream" })),
          fc
            .string({ unit: "grapheme", maxLength: 300 })
            .map((body) => ({ body, type: "text/plain; charset=utf-8" })),
        ),
        async (integration, { body, type }) => {
          if (integration === restApi && typeof body !== "string") return; // passed as text: see above
          const target = handlers.get(integration) as ReturnType<typeof recorded>;
          const event = integration.event(body, {
            "content-type": type,
            "x-hub-signature": await sig(body),
          });
          const result = await call(target.handler, event);
          expect(integration.received(result, event).status).toBe(204);
          expect(target.seen.at(-1)?.webhook.rawBody).toEqual(bytes(body));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ["a character outside the alphabet", "eyJhIjox!Q=="],
    ["base64url", "eyJ-IjoxfQ__"],
    ["missing padding", "eyJhIjoxfQ"],
    ["a line break", "eyJhIjox\nfQ=="],
    ["nonzero bits after the last byte", "eyJhIjoxfR=="],
  ])(
    "refuses a base64 body with %s even when signed over what a lenient decoder reads",
    async (_, body) => {
      for (const integration of [restApiBinary, httpApiV2, functionUrl, alb, albMultiValue]) {
        const { handler, seen, failures } = recorded(integration);
        const lenient = new Uint8Array(Buffer.from(body, "base64"));
        const event = integration.event(ALL_BYTES, {
          "content-type": "application/octet-stream",
          "x-hub-signature": await sig(lenient),
        });
        const answer = integration.received(await call(handler, { ...event, body }), event);
        expect(answer.status, integration.name).toBe(500);
        expect(answer.json).toEqual({
          error: "body_unavailable",
          message: expect.stringMatching(/base64/),
        });
        expect(seen).toEqual([]);
        expect(failures.map(({ failure }) => failure.reason)).toEqual(["body_unavailable"]);
      }
    },
  );

  it("refuses an event whose body a middleware parsed with 500 body_unavailable", async () => {
    const { handler, seen } = recorded(httpApiV2);
    const event = httpApiV2.event(JIRA_BODY, { "x-hub-signature": await sig(JIRA_BODY) });
    const result = await call(handler, { ...event, body: JSON.parse(JIRA_BODY) });
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body as string).message).toMatch(/body parser/);
    expect(seen).toEqual([]);
  });

  it.each(INTEGRATIONS)(
    'hands a delivery with no body, however $name writes it, over as "Exclude body"',
    async (integration) => {
      const { handler, seen } = recorded(integration);
      const event = integration.event("", { "x-hub-signature": await sig("") });
      expect((await call(handler, event)).statusCode).toBe(204);
      expect(seen[0]?.webhook.payload).toBeUndefined();
      expect(seen[0]?.webhook.rawBody.byteLength).toBe(0);
    },
  );

  it("takes an empty body marked base64 as the empty body", async () => {
    const { handler, seen } = recorded(alb);
    const event = { ...alb.event("", { "x-hub-signature": await sig("") }), isBase64Encoded: true };
    expect((await call(handler, event)).statusCode).toBe(204);
    expect(seen[0]?.webhook.rawBody.byteLength).toBe(0);
  });

  it("answers 413 by the decoded size, and takes a body of exactly maxBodyBytes", async () => {
    const at = new Uint8Array(1024).fill(0x41);
    const over = new Uint8Array(1025).fill(0x41);
    for (const integration of [restApiBinary, httpApiV2, alb]) {
      const { handler } = recorded(integration, { maxBodyBytes: 1024 });
      const send = async (body: Uint8Array) =>
        call(
          handler,
          integration.event(body, {
            "content-type": "application/octet-stream",
            "x-hub-signature": await sig(body),
          }),
        );
      expect((await send(at)).statusCode, integration.name).toBe(204);
      const refused = await send(over);
      expect(refused.statusCode, integration.name).toBe(413);
      expect(JSON.parse(refused.body as string).error).toBe("body_too_large");
    }
  });

  it("refuses Content-Encoding in any case of the name and value with 415, before decoding", async () => {
    const { handler, seen } = recorded(restApiBinary);
    for (const [name, value] of [
      ["Content-Encoding", "gzip"],
      ["CONTENT-ENCODING", "GZIP"],
      ["content-encoding", "br"],
    ]) {
      const event = restApiBinary.event(JIRA_BODY, {
        "x-hub-signature": await sig(JIRA_BODY),
        [name as string]: value as string,
      });
      const result = await call(handler, { ...event, body: "not base64 at all!" });
      expect(result.statusCode).toBe(415);
    }
    const identity = restApiBinary.event(JIRA_BODY, {
      "x-hub-signature": await sig(JIRA_BODY),
      "Content-Encoding": "identity",
    });
    expect((await call(handler, identity)).statusCode).toBe(204);
    expect(seen).toHaveLength(1);
  });
});

describe("withVerifiedWebhook: headers", () => {
  it.each(INTEGRATIONS)(
    "reads the signature header in any case behind $name",
    async (integration) => {
      const { handler } = recorded(integration);
      for (const name of ["X-HUB-SIGNATURE", "X-Hub-Signature", "x-hUb-sIgNaTuRe"]) {
        const event = integration.event(JIRA_BODY, { [name]: await sig(JIRA_BODY) });
        expect((await call(handler, event)).statusCode, name).toBe(204);
      }
    },
  );

  it("reads a REST event's multiValueHeaders over its headers, as API Gateway merges them", async () => {
    const { handler } = recorded(restApi);
    const event = restApi.event(JIRA_BODY, {
      "X-Hub-Signature": await sig(JIRA_BODY),
    }) as APIGatewayProxyEvent;
    const stale = { ...event, headers: { ...event.headers, "X-Hub-Signature": "sha256=00" } };
    expect((await call(handler, stale)).statusCode).toBe(204);
  });

  it("answers 400 malformed_signature for a repeated signature header in every format", async () => {
    const good = await sig(JIRA_BODY);
    const { handler } = recorded(restApi);
    const rest = restApi.event(JIRA_BODY, {}) as APIGatewayProxyEvent;
    const repeated = {
      ...rest,
      multiValueHeaders: { ...rest.multiValueHeaders, "X-Hub-Signature": [good, good] },
    };
    expect((await call(handler, repeated)).statusCode).toBe(400);

    const v2 = httpApiV2.event(JIRA_BODY, {}) as APIGatewayProxyEventV2;
    const joined = { ...v2, headers: { ...v2.headers, "x-hub-signature": `${good},${good}` } };
    expect((await call(recorded(httpApiV2).handler, joined)).statusCode).toBe(400);

    const multi = albMultiValue.event(JIRA_BODY, {}) as ALBEvent;
    const twice = {
      ...multi,
      multiValueHeaders: { ...multi.multiValueHeaders, "x-hub-signature": [good, good] },
    };
    expect((await call(recorded(albMultiValue).handler, twice)).statusCode).toBe(400);
  });

  it("reads Jira's delivery headers in any case", async () => {
    const { handler, seen } = recorded(restApi);
    const event = restApi.event(JIRA_BODY, {
      "X-Hub-Signature": await sig(JIRA_BODY),
      "X-ATLASSIAN-WEBHOOK-IDENTIFIER": "a7f3c1e2",
      "x-Atlassian-Webhook-Retry": "3",
      "X-Atlassian-Webhook-Flow": "Secondary",
    });
    await call(handler, event);
    expect(seen[0]?.webhook.delivery).toEqual({ id: "a7f3c1e2", retry: 3, flow: "Secondary" });
  });
});

describe("withVerifiedWebhook: dedupe settles by what the service answers", () => {
  const retried = async (integration: Integration, first: unknown) => {
    let runs = 0;
    const handler = withVerifiedWebhook(
      { secret: SECRET, dedupe: { store: memoryDeliveryStore() } },
      () => (++runs === 1 ? first : integration.result(204)) as never,
    );
    const event = integration.event(JIRA_BODY, {
      "x-hub-signature": await sig(JIRA_BODY),
      ...withId("s-1"),
    });
    await call(handler, event);
    const second = integration.received(await call(handler, event), event);
    return { runs, second };
  };

  it.each([restApi, alb])(
    "runs the retry of a result $name cannot read (its 502)",
    async (integration) => {
      for (const first of [{}, "done", null, { statusCode: "200" }]) {
        const { runs, second } = await retried(integration, first);
        expect(runs, JSON.stringify(first)).toBe(2);
        expect(second.status).toBe(204);
      }
    },
  );

  it("counts a payload 2.0 result without statusCode as the 200 it becomes", async () => {
    for (const first of [{ ok: true }, "done"]) {
      const { runs, second } = await retried(httpApiV2, first);
      expect(runs).toBe(1);
      expect(second.json).toEqual({ duplicate: true });
    }
  });

  it.each(INTEGRATIONS)("releases a 503 result for the retry behind $name", async (integration) => {
    const { runs } = await retried(integration, integration.result(503));
    expect(runs).toBe(2);
  });
});

describe("withVerifiedWebhook: what it is given", () => {
  it.each([
    [
      "an SQS message",
      {
        Records: [
          { messageId: "059f36b4-87a3-44ab-83d2-661975830a7d", body: "{}", eventSource: "aws:sqs" },
        ],
      },
    ],
    ["a scheduled event", { "detail-type": "Scheduled Event", source: "aws.events", detail: {} }],
    ["null", null],
    ["a string", "ping"],
  ])("throws TypeError for %s, without calling onFailure or the handler", async (_, event) => {
    const { handler, seen, failures } = recorded(httpApiV2);
    await expect(call(handler, event)).rejects.toThrow(TypeError);
    await expect(call(handler, event)).rejects.toThrow(/HTTP events only/);
    expect(seen).toEqual([]);
    expect(failures).toEqual([]);
  });

  it.each([
    ["an empty secret", { secret: "" }],
    ["no secret", { secret: [] }],
    ["a negative maxBodyBytes", { secret: SECRET, maxBodyBytes: -1 }],
    ["a fractional maxBodyBytes", { secret: SECRET, maxBodyBytes: 1.5 }],
    ["maxBodyBytes as a string", { secret: SECRET, maxBodyBytes: "1024" }],
    ["maxBodyBytes NaN", { secret: SECRET, maxBodyBytes: Number.NaN }],
    ["replay without dedupe", { secret: SECRET, replay: {} }],
    ["an unknown algorithm", { secret: SECRET, algorithms: ["md5"] }],
  ])("throws TypeError when created with %s, in the init phase", (_, options) => {
    const handler = vi.fn();
    expect(() => withVerifiedWebhook(options as never, handler)).toThrow(TypeError);
    expect(handler).not.toHaveBeenCalled();
  });

  it("accepts maxBodyBytes 0, for senders that only send empty bodies", async () => {
    const { handler } = recorded(httpApiV2, { maxBodyBytes: 0 });
    expect(
      (await call(handler, httpApiV2.event("", { "x-hub-signature": await sig("") }))).statusCode,
    ).toBe(204);
    expect(
      (await call(handler, httpApiV2.event("{}", { "x-hub-signature": await sig("{}") })))
        .statusCode,
    ).toBe(413);
  });

  it("reads a function URL event and an HTTP API event of payload 1.0 in their own shapes", async () => {
    const v1 = httpApiV1.event(JIRA_BODY, {}) as APIGatewayProxyEvent & { version: string };
    expect(v1.version).toBe("1.0");
    const url = functionUrl.event(JIRA_BODY, {}) as WebhookEvent as APIGatewayProxyEventV2;
    expect(url.routeKey).toBe("$default");
    for (const [integration, event] of [
      [httpApiV1, v1],
      [functionUrl, url],
    ] as const) {
      const result = await call(recorded(integration).handler, event);
      expect(result.statusCode).toBe(401);
      expect(result.statusDescription).toBeUndefined();
    }
  });
});
