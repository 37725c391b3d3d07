import { HonoRequest } from "hono/request";
import { describe, expect, it } from "vitest";
import { bodyAlreadyRead, keepBody, MOUNT_ORDER_FIX } from "./body-cache.ts";

const post = (body?: string, type = "application/json") =>
  new HonoRequest(
    new Request("http://x/webhooks/jira", {
      method: "POST",
      body,
      headers: { "content-type": type },
    }),
  );

describe("keepBody", () => {
  it("caches exactly the body's bytes when they are a view into a larger buffer", async () => {
    const pool = new TextEncoder().encode('xx{"a":1}yy');
    const view = pool.subarray(2, 9);
    const req = post();
    keepBody(req, view);
    const buffer = await req.arrayBuffer();
    expect(buffer.byteLength).toBe(7);
    expect(await req.text()).toBe('{"a":1}');
    expect(await req.json()).toEqual({ a: 1 });
    expect([...(await req.bytes())]).toEqual([...view]);
  });

  it("caches a whole buffer as it is, without copying", async () => {
    const bytes = new TextEncoder().encode("é 東京");
    const req = post();
    keepBody(req, bytes);
    expect(await req.arrayBuffer()).toBe(bytes.buffer);
    expect(await req.text()).toBe("é 東京");
  });

  it("caches bytes only, so Hono never rebuilds a body from a parsed object", () => {
    const req = post();
    keepBody(req, new TextEncoder().encode('{"a": 1.50}'));
    expect(Object.keys(req.bodyCache)).toEqual(["arrayBuffer"]);
  });
});

describe("bodyAlreadyRead", () => {
  it("lets an unread body through", () => {
    expect(bodyAlreadyRead(post("{}"))).toBeUndefined();
    expect(bodyAlreadyRead(post())).toBeUndefined();
  });

  it.each([
    ["c.req.json()", (req: HonoRequest) => req.json()],
    ["c.req.text()", (req: HonoRequest) => req.text()],
    ["c.req.arrayBuffer()", (req: HonoRequest) => req.arrayBuffer()],
    ["c.req.parseBody()", (req: HonoRequest) => req.parseBody()],
    ["c.req.raw.text()", (req: HonoRequest) => req.raw.text()],
  ])("refuses a body that %s read, naming the fix", async (name, read) => {
    // parseBody() reads form bodies only.
    const req = name.includes("parseBody")
      ? post("a=1", "application/x-www-form-urlencoded")
      : post("{}");
    await read(req).catch(() => {});
    expect(bodyAlreadyRead(req)).toMatchObject({
      ok: false,
      status: 500,
      reason: "body_unavailable",
      message: expect.stringContaining(MOUNT_ORDER_FIX),
    });
  });

  it("refuses a parsed object someone left in the cache while the stream is untouched", () => {
    const req = post("{}");
    (req.bodyCache as { json?: Promise<unknown> }).json = Promise.resolve({});
    expect(req.raw.bodyUsed).toBe(false);
    expect(bodyAlreadyRead(req)?.reason).toBe("body_unavailable");
  });
});
