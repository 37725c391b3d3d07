// Hono apps that put the middleware next to Hono's own body handling: validators, the body
// cache, bodyLimit, app.use() prefixes. The same apps run on Node, Bun, Deno and workerd (the
// worker builds them by name); hono-cases.ts sends each one its requests.
import { type DeliveryStore, memoryDeliveryStore } from "@hubsig/core/dedupe";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { validator } from "hono/validator";
import { SECRET } from "../../test-kit/src/jira.ts";
import { verifyWebhook, type WebhookVariables } from "../src/index.ts";

/** The names of the scenario apps; hono-cases.ts picks one per case. */
export type ScenarioName = keyof typeof SCENARIOS;

const verified = () => verifyWebhook({ secret: SECRET });
const ok = (c: { text: (text: string) => Response }) => c.text("handler ran");

// What the handler can read back through Hono's own body methods, every one of them.
async function bodyMethods(c: Parameters<MiddlewareHandler<{ Variables: WebhookVariables }>>[0]) {
  const webhook = c.get("webhook");
  const buffer = await c.req.arrayBuffer();
  const bytes = await c.req.bytes();
  const same = (view: Uint8Array) =>
    view.byteLength === webhook.rawBody.byteLength &&
    view.every((byte, index) => byte === webhook.rawBody[index]);
  return c.json({
    text: await c.req.text(),
    json: await c.req.json().catch((error: Error) => ({ threw: error.name })),
    blob: await (await c.req.blob()).text(),
    arrayBufferLength: buffer.byteLength,
    arrayBufferIsRaw: same(new Uint8Array(buffer)),
    bytesAreRaw: same(bytes),
    payload: webhook.payload ?? null,
    viaVar: c.var.webhook === webhook,
  });
}

/** Each scenario builds a fresh app. */
export const SCENARIOS = {
  /** The handler reads the body back through every one of Hono's body methods. */
  "body-methods": () => new Hono().post("/webhooks/jira", verified(), bodyMethods),
  /** A JSON validator after the middleware reads the verified body from the cache. */
  "validator-after": () =>
    new Hono().post(
      "/webhooks/jira",
      verified(),
      validator("json", (value) => value as Record<string, unknown>),
      async (c) => c.json({ valid: c.req.valid("json"), text: await c.req.text() }),
    ),
  /** A JSON validator before the middleware has parsed the body already. */
  "validator-before": () =>
    new Hono().post(
      "/webhooks/jira",
      validator("json", (value) => value as Record<string, unknown>),
      verified(),
      ok,
    ),
  /** An earlier middleware read the body as text (it sits in Hono's cache as text). */
  "text-before": () =>
    new Hono().post(
      "/webhooks/jira",
      async (c, next) => {
        await c.req.text();
        await next();
      },
      verified(),
      ok,
    ),
  /** An earlier middleware read the bytes through Hono (they sit in the cache, unlimited). */
  "array-buffer-before": () =>
    new Hono().post(
      "/webhooks/jira",
      async (c, next) => {
        await c.req.arrayBuffer();
        await next();
      },
      verified(),
      ok,
    ),
  /** An earlier middleware drained the raw Request, leaving nothing in Hono's cache. */
  "raw-read-before": () =>
    new Hono().post(
      "/webhooks/jira",
      async (c, next) => {
        await c.req.raw.arrayBuffer();
        await next();
      },
      verified(),
      ok,
    ),
  /**
   * An earlier middleware put a parsed object in Hono's cache without touching the stream:
   * Hono would turn it back into a body with JSON.stringify. The check signs exactly that
   * re-serialization, so only an adapter that hashed it would let the request through.
   */
  "parsed-object-cached": () =>
    new Hono().post(
      "/webhooks/jira",
      async (c, next) => {
        (c.req.bodyCache as { json?: Promise<unknown> }).json = Promise.resolve(FORGED_OBJECT);
        await next();
      },
      verified(),
      ok,
    ),
  /** Hono's bodyLimit before the middleware: it replaces c.req.raw, which is then read. */
  "body-limit-before": () =>
    new Hono().post("/webhooks/jira", bodyLimit({ maxSize: 2048 }), verified(), async (c) =>
      c.json({ text: await c.req.text() }),
    ),
  /** Mounted on a prefix with app.use(), typed through the app's Variables. */
  "use-prefix": () => {
    const app = new Hono<{ Variables: WebhookVariables<{ webhookEvent: string }> }>();
    app.use("/webhooks/*", verified());
    app.post("/webhooks/jira", (c) => c.json({ event: c.get("webhook").payload?.webhookEvent }));
    app.post("/health", (c) => c.text("up"));
    return app;
  },
  /**
   * With dedupe on a store that settles in two steps after the answer (a read, then a write, as
   * a KV or SQL store might): the route answers the status of its `x-answer` header.
   */
  "two-step-store": () => {
    const store = memoryDeliveryStore();
    const step = () => new Promise((resolve) => setTimeout(resolve, 25));
    const twoStep: DeliveryStore = {
      begin: (id, leaseMs, lease) => store.begin(id, leaseMs, lease),
      async complete(id, ttlMs, lease) {
        await step();
        await step();
        await store.complete(id, ttlMs, lease);
      },
      async abandon(id, lease) {
        await step();
        await step();
        await store.abandon(id, lease);
      },
    };
    return new Hono().post(
      "/webhooks/jira",
      verifyWebhook({ secret: SECRET, dedupe: { store: twoStep } }),
      (c) => c.body(null, Number(c.req.header("x-answer") ?? 204) as 204),
    );
  },
  /**
   * Records the status each request was answered with and the errors that reached onError;
   * GET /log reads them back.
   */
  "answer-log": () => {
    const statuses: number[] = [];
    const errors: string[] = [];
    const app = new Hono();
    app.get("/log", (c) => c.json({ statuses, errors }));
    app.use("/webhooks/*", async (c, next) => {
      await next();
      statuses.push(c.res.status);
    });
    app.post("/webhooks/jira", verified(), ok);
    app.onError((error, c) => {
      errors.push(String(error));
      return c.text("error", 500);
    });
    return app;
  },
} satisfies Record<string, () => { fetch: (request: Request, ...rest: any[]) => unknown }>;

/** The object `parsed-object-cached` leaves in Hono's cache. */
export const FORGED_OBJECT = { webhookEvent: "jira:issue_deleted", issue: { key: "HUB-1" } };
