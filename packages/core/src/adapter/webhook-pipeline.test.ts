import { describe, expect, it, vi } from "vitest";
import { memoryDeliveryStore } from "../dedupe/memory-delivery-store.ts";
import type { DeliveryStore } from "../dedupe/types.ts";
import { verifyDelivery } from "../request/verify-delivery.ts";
import type { WebhookOptions } from "../request/webhook.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { sign } from "../verify/sign.ts";
import { settleByStatus, webhookPipeline } from "./webhook-pipeline.ts";

const SECRET = "pipeline-secret";
const engine = { createVerifier };
type Req = { headers: Record<string, string>; body: string };

function fresh(timestamp = Date.now()) {
  return JSON.stringify({ timestamp, webhookEvent: "jira:issue_updated", issue: { key: "HUB-1" } });
}

async function request(body: string, headers: Record<string, string> = {}): Promise<Req> {
  return { body, headers: { "x-hub-signature": await sign(body, SECRET), ...headers } };
}

function pipelineOf(options: Partial<WebhookOptions<Req>> = {}) {
  const failures: string[] = [];
  const pipeline = webhookPipeline<Req>(
    { secret: SECRET, onFailure: (failure) => failures.push(failure.reason), ...options },
    engine,
  );
  // Reads and verifies a request, then runs `handler` once per delivery, as an adapter does.
  const deliver = async (req: Req, handler: () => unknown = () => 204) => {
    const verified = await pipeline.verify(req, (verifier) =>
      verifyDelivery(new TextEncoder().encode(req.body), (name) => req.headers[name], verifier),
    );
    if (!verified.ok) return verified.reason;
    const ran = await pipeline.run(req, verified, handler);
    if (!ran.ok) return ran.reason;
    return ran.duplicate ? "duplicate" : ran.result;
  };
  return { pipeline, deliver, failures };
}

describe("webhookPipeline", () => {
  it("verifies, runs the handler and reports refusals to onFailure", async () => {
    const { deliver, failures } = pipelineOf();
    expect(await deliver(await request(fresh()))).toBe(204);
    const forged = { body: fresh(), headers: { "x-hub-signature": await sign(fresh(), "nope") } };
    expect(await deliver(forged)).toBe("signature_mismatch");
    expect(failures).toEqual(["signature_mismatch"]);
  });

  it("hands over the normalized signature beside the webhook", async () => {
    const { pipeline } = pipelineOf();
    const req = await request(fresh());
    const header = req.headers["x-hub-signature"] as string;
    const upper: Req = { ...req, headers: { "x-hub-signature": ` ${header.toUpperCase()} ` } };
    const verified = await pipeline.verify(upper, (verifier) =>
      verifyDelivery(new TextEncoder().encode(upper.body), (name) => upper.headers[name], verifier),
    );
    expect(verified).toMatchObject({ ok: true, signature: header });
  });

  it("throws TypeError at creation for replay without dedupe, or a bad replay option", () => {
    expect(() => pipelineOf({ replay: {} })).toThrow(/replay needs dedupe/);
    const dedupe = { store: memoryDeliveryStore() };
    expect(() => pipelineOf({ dedupe, replay: { maxAgeMs: 0 } })).toThrow(TypeError);
    expect(() => pipelineOf({ dedupe: { store: memoryDeliveryStore(), leaseMs: -1 } })).toThrow(
      TypeError,
    );
  });

  describe("replay", () => {
    const options = () => ({ dedupe: { store: memoryDeliveryStore() }, replay: {} });

    it("refuses a stale, future or timestamp-less delivery with stale_delivery, before the handler", async () => {
      const { deliver, failures } = pipelineOf(options());
      const handler = vi.fn(() => 204);
      for (const body of [
        fresh(Date.now() - 2 * 3_600_000),
        fresh(Date.now() + 3_600_000),
        JSON.stringify({ webhookEvent: "jira:issue_updated" }),
        "",
      ]) {
        expect(await deliver(await request(body), handler)).toBe("stale_delivery");
      }
      expect(handler).not.toHaveBeenCalled();
      expect(failures).toEqual(Array(4).fill("stale_delivery"));
    });

    it("answers the same signed bytes under a new identifier, or none, as a duplicate", async () => {
      const { deliver } = pipelineOf(options());
      const handler = vi.fn(() => 204);
      const body = fresh();
      const id = (value: string) => ({ "x-atlassian-webhook-identifier": value });
      expect(await deliver(await request(body, id("first")), handler)).toBe(204);
      expect(await deliver(await request(body, id("second")), handler)).toBe("duplicate");
      expect(await deliver(await request(body), handler)).toBe("duplicate");
      expect(await deliver(await request(body, id("first")), handler)).toBe("duplicate");
      expect(handler).toHaveBeenCalledOnce();
      // Other bytes under the replayed identifier still run.
      expect(await deliver(await request(fresh(Date.now() + 1), id("second")), handler)).toBe(204);
    });

    it("answers a replay with no identifier as a duplicate when the original had none", async () => {
      const { deliver } = pipelineOf(options());
      const handler = vi.fn(() => 204);
      const body = fresh();
      expect(await deliver(await request(body), handler)).toBe(204);
      expect(await deliver(await request(body), handler)).toBe("duplicate");
      expect(handler).toHaveBeenCalledOnce();
    });

    it("runs a retry after a failed attempt, and a replay of it after that is a duplicate", async () => {
      const { deliver } = pipelineOf(options());
      let calls = 0;
      const handler = () => (++calls === 1 ? 503 : 204);
      const body = fresh();
      const headers = { "x-atlassian-webhook-identifier": "d-1" };
      expect(await deliver(await request(body, headers), handler)).toBe(503);
      expect(await deliver(await request(body, headers), handler)).toBe(204);
      expect(
        await deliver(await request(body, { "x-atlassian-webhook-identifier": "d-2" }), handler),
      ).toBe("duplicate");
      expect(calls).toBe(2);
    });

    it("remembers signatures at least maxAgeMs + clockSkewMs, and ids for ttlMs", async () => {
      const inner = memoryDeliveryStore();
      const completed: Array<[string, number]> = [];
      const store: DeliveryStore = {
        ...inner,
        complete: (id, ttlMs, lease) => {
          completed.push([id.split(":")[0] as string, ttlMs]);
          return inner.complete(id, ttlMs, lease);
        },
      };
      const replay = { maxAgeMs: 7_200_000, clockSkewMs: 60_000 };
      const { deliver } = pipelineOf({ dedupe: { store, ttlMs: 1_000 }, replay });
      await deliver(await request(fresh(), { "x-atlassian-webhook-identifier": "d-1" }));
      expect(completed.sort()).toEqual([
        ["d-1", 1_000],
        ["signature", 7_260_000],
      ]);
    });

    it("answers 409 for a replay that arrives while the original still runs", async () => {
      const { deliver, failures } = pipelineOf(options());
      let release!: () => void;
      const running = new Promise<number>((resolve) => (release = () => resolve(204)));
      const body = fresh();
      const first = deliver(
        await request(body, { "x-atlassian-webhook-identifier": "a" }),
        () => running,
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await deliver(await request(body, { "x-atlassian-webhook-identifier": "b" }))).toBe(
        "delivery_in_progress",
      );
      release();
      expect(await first).toBe(204);
      expect(failures).toEqual(["delivery_in_progress"]);
    });

    it("answers 503 when the store cannot be reached, and releases what it claimed", async () => {
      const inner = memoryDeliveryStore();
      const store: DeliveryStore = {
        ...inner,
        begin: (id, leaseMs, lease) =>
          id.startsWith("signature:")
            ? Promise.reject(new Error("down"))
            : inner.begin(id, leaseMs, lease),
      };
      const { deliver } = pipelineOf({ dedupe: { store }, replay: {} });
      const headers = { "x-atlassian-webhook-identifier": "d-1" };
      expect(await deliver(await request(fresh(), headers))).toBe("store_unavailable");
      expect(await inner.begin("d-1", 1_000, "probe")).toBe("new");
    });
  });

  describe("waitUntil", () => {
    // A store whose complete() and abandon() settle only when the test says so.
    function heldStore() {
      const inner = memoryDeliveryStore();
      const settle: Array<() => void> = [];
      const hold = () => new Promise<void>((resolve) => settle.push(resolve));
      const store: DeliveryStore = {
        begin: (id, ms, lease) => inner.begin(id, ms, lease),
        complete: async (id, ttl, lease) => (await hold(), inner.complete(id, ttl, lease)),
        abandon: async (id, lease) => (await hold(), inner.abandon(id, lease)),
      };
      return { inner, store, release: () => settle.splice(0).forEach((resolve) => resolve()) };
    }

    async function runWith(
      store: DeliveryStore,
      handler: () => unknown,
      waitUntil: (task: Promise<unknown>) => void,
      onStoreError?: () => void,
    ) {
      const { pipeline } = pipelineOf({ dedupe: { store, onStoreError } });
      const req = await request(fresh(), { "x-atlassian-webhook-identifier": "w-1" });
      const verified = await pipeline.verify(req, (verifier) =>
        verifyDelivery(new TextEncoder().encode(req.body), (name) => req.headers[name], verifier),
      );
      if (!verified.ok) throw new Error(verified.reason);
      return pipeline.run(req, verified, handler, undefined, waitUntil);
    }

    it.each([
      ["completes", 204, "done"],
      ["releases", 503, "new"],
    ])(
      "hands the store call that %s the delivery to waitUntil, unawaited",
      async (_c, status, after) => {
        const { inner, store, release } = heldStore();
        const tasks: Promise<unknown>[] = [];
        const ran = await runWith(
          store,
          () => status,
          (task) => tasks.push(task),
        );
        expect(ran).toMatchObject({ ok: true, duplicate: false, result: status });
        expect(tasks).toHaveLength(1);
        expect(await inner.begin("w-1", 1_000, "probe")).toBe("in_progress"); // not settled yet
        release();
        await tasks[0];
        expect(await inner.begin("w-1", 1_000, "probe-2")).toBe(after);
      },
    );

    it("still answers when waitUntil throws", async () => {
      const { store, release } = heldStore();
      const ran = await runWith(
        store,
        () => 204,
        () => {
          throw new Error("context ended");
        },
      );
      expect(ran).toMatchObject({ ok: true, result: 204 });
      release();
    });
  });

  it("settleByStatus completes, releases, or leaves the lease alone", () => {
    expect(settleByStatus(204)).toBe("complete");
    expect(settleByStatus(404)).toBe("complete");
    expect(settleByStatus(500)).toBe("abandon");
    expect(settleByStatus(429)).toBe("abandon");
    expect(settleByStatus(undefined)).toBe("keep");
  });
});
