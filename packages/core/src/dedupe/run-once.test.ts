import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { JIRA_BODY } from "../../test/vectors.ts";
import { failureBody } from "../request/failure.ts";
import { verifyNodeRequest } from "../request/verify-node-request.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { sign } from "../verify/sign.ts";
import { memoryDeliveryStore } from "./memory-delivery-store.ts";
import { DEFAULT_LEASE_MS, DEFAULT_TTL_MS, resolveDedupe } from "./options.ts";
import { DUPLICATE_BODY, duplicateResponse } from "./response.ts";
import { runOnce } from "./run-once.ts";
import { isRetriedStatus } from "./status.ts";
import type { DedupeOptions, DeliveryStore } from "./types.ts";

/** A memory store whose calls are recorded (leases apart), and whose methods a test may replace. */
function spyStore(overrides: Partial<DeliveryStore> = {}) {
  const inner = memoryDeliveryStore();
  const calls: string[] = [];
  const leases: string[] = [];
  const store: DeliveryStore = {
    begin: async (id, leaseMs, lease) => {
      calls.push(`begin ${id} ${leaseMs}`);
      leases.push(lease);
      return (overrides.begin ?? inner.begin)(id, leaseMs, lease);
    },
    complete: async (id, ttlMs, lease) => {
      calls.push(`complete ${id} ${ttlMs}`);
      leases.push(lease);
      return (overrides.complete ?? inner.complete)(id, ttlMs, lease);
    },
    abandon: async (id, lease) => {
      calls.push(`abandon ${id}`);
      leases.push(lease);
      return (overrides.abandon ?? inner.abandon)(id, lease);
    },
  };
  return { store, calls, leases };
}

const down = () => Promise.reject(new Error("connection refused"));
const delivery = { id: "d-1", retry: 0 };

describe("runOnce", () => {
  it("runs the handler and marks the delivery done, with the default lease and memory", async () => {
    const { store, calls } = spyStore();
    const handler = vi.fn(() => 204);
    expect(await runOnce(delivery, { store }, handler)).toEqual({
      ok: true,
      duplicate: false,
      result: 204,
    });
    expect(calls).toEqual([`begin d-1 ${DEFAULT_LEASE_MS}`, `complete d-1 ${DEFAULT_TTL_MS}`]);
    expect(DEFAULT_LEASE_MS).toBe(60_000);
    expect(DEFAULT_TTL_MS).toBe(3_600_000);
  });

  it("answers a completed delivery as a duplicate without running the handler", async () => {
    const { store } = spyStore();
    await runOnce(delivery, { store }, () => 200);
    const handler = vi.fn(() => 200);
    const outcome = await runOnce({ ...delivery, retry: 1 }, { store }, handler);
    expect(outcome).toEqual({ ok: true, duplicate: true, status: 200, body: DUPLICATE_BODY });
    expect(JSON.parse(DUPLICATE_BODY)).toEqual({ duplicate: true });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 409 delivery_in_progress while another attempt runs, and lets the retry through after", async () => {
    const { store } = spyStore();
    let finish!: (status: number) => void;
    const first = runOnce(
      delivery,
      { store },
      () => new Promise<number>((resolve) => (finish = resolve)),
    );
    await vi.waitFor(() => expect(finish).toBeTypeOf("function"));
    const handler = vi.fn(() => 200);
    const second = await runOnce(delivery, { store }, handler);
    expect(second).toMatchObject({ ok: false, status: 409, reason: "delivery_in_progress" });
    expect(handler).not.toHaveBeenCalled();
    finish(200);
    expect(await first).toEqual({ ok: true, duplicate: false, result: 200 });
    expect(await runOnce(delivery, { store }, handler)).toMatchObject({ duplicate: true });
  });

  it("abandons and rethrows when the handler throws, so the retry runs it again", async () => {
    const { store, calls } = spyStore();
    const error = new Error("database down");
    await expect(
      runOnce(delivery, { store }, () => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(calls).toEqual([`begin d-1 ${DEFAULT_LEASE_MS}`, "abandon d-1"]);
    const handler = vi.fn(async () => 200);
    expect(await runOnce(delivery, { store }, handler)).toMatchObject({ result: 200 });
    expect(handler).toHaveBeenCalledOnce();
  });

  it.each([
    ["a 500 status", 500],
    ["a 503 Response", new Response(null, { status: 503 })],
    ["a 429 object", { status: 429 }],
  ])("abandons on %s and returns it, so the retry runs the handler again", async (_, result) => {
    const { store, calls } = spyStore();
    const outcome = await runOnce(delivery, { store }, () => result);
    expect(outcome).toEqual({ ok: true, duplicate: false, result });
    expect(calls.at(-1)).toBe("abandon d-1");
    expect(await store.begin("d-1", 1_000, "next")).toBe("new");
  });

  it.each([
    ["a 404 status", 404],
    ["a 200 Response", new Response("ok")],
    ["no result", undefined],
    ["a result without a status", { handled: true }],
    ["a non-numeric status", { status: "500" }],
    ["null", null],
  ])("completes on %s: Jira would not retry it", async (_, result) => {
    const { store, calls } = spyStore();
    await runOnce(delivery, { store }, () => result);
    expect(calls.at(-1)).toBe(`complete d-1 ${DEFAULT_TTL_MS}`);
  });

  it("gives each attempt a lease of its own and settles with the lease it began with", async () => {
    const { store, leases } = spyStore();
    await runOnce(delivery, { store }, () => 204);
    await runOnce({ id: "d-2", retry: 0 }, { store }, () => 500);
    const [first, firstDone, second, secondAbandon] = leases;
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(firstDone).toBe(first);
    expect(secondAbandon).toBe(second);
    expect(second).not.toBe(first);
  });

  it("answers without waiting for a complete() that never settles (a stalled Redis)", async () => {
    const { store, calls } = spyStore({ complete: () => new Promise(() => {}) });
    const outcome = await runOnce(delivery, { store }, () => 204);
    expect(outcome).toEqual({ ok: true, duplicate: false, result: 204 });
    expect(calls).toEqual([`begin d-1 ${DEFAULT_LEASE_MS}`, `complete d-1 ${DEFAULT_TTL_MS}`]);
  });

  it("rethrows a handler's error without waiting for an abandon() that never settles", async () => {
    const { store } = spyStore({ abandon: () => new Promise(() => {}) });
    const error = new Error("handler failed");
    await expect(
      runOnce(delivery, { store }, () => {
        throw error;
      }),
    ).rejects.toBe(error);
    const retried = await runOnce(delivery, { store }, () => 503);
    expect(retried).toMatchObject({ ok: false, status: 409 }); // the stalled release holds the lease
  });

  it("reports a complete() that throws synchronously, and keeps the answer", async () => {
    const onStoreError = vi.fn();
    const store: DeliveryStore = {
      ...memoryDeliveryStore(),
      complete: () => {
        throw new Error("not connected");
      },
    };
    expect(await runOnce(delivery, { store, onStoreError }, () => 200)).toMatchObject({
      result: 200,
    });
    expect(onStoreError).toHaveBeenCalledWith(expect.any(Error), "complete", "d-1");
  });

  it("takes a custom isRetried predicate", async () => {
    const { store, calls } = spyStore();
    const outcome = await runOnce(
      delivery,
      { store },
      () => ({ failed: true }),
      (result) => result.failed,
    );
    expect(outcome).toMatchObject({ ok: true, duplicate: false });
    expect(calls.at(-1)).toBe("abandon d-1");
  });

  it("passes leaseMs and ttlMs to the store", async () => {
    const { store, calls } = spyStore();
    await runOnce(delivery, { store, leaseMs: 5_000, ttlMs: 7_000 }, () => 200);
    expect(calls).toEqual(["begin d-1 5000", "complete d-1 7000"]);
  });

  it.each([
    ["no dedupe option", undefined, { id: "d-1", retry: 0 }],
    ["no delivery id", "store", { retry: 0 }],
    ["an empty delivery id", "store", { id: "", retry: 0 }],
  ])("just runs the handler with %s", async (_, withStore, target) => {
    const { store, calls } = spyStore();
    const dedupe = withStore ? { store } : undefined;
    const handler = vi.fn(() => 200);
    await runOnce(target, dedupe, handler);
    await runOnce(target, dedupe, handler);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(calls).toEqual([]);
  });

  it("answers 503 store_unavailable when begin rejects, without running the handler", async () => {
    const { store } = spyStore({ begin: down });
    const onStoreError = vi.fn();
    const handler = vi.fn(() => 200);
    const outcome = await runOnce(delivery, { store, onStoreError }, handler);
    expect(outcome).toMatchObject({ ok: false, status: 503, reason: "store_unavailable" });
    expect(handler).not.toHaveBeenCalled();
    expect(onStoreError).toHaveBeenCalledWith(expect.any(Error), "begin", "d-1");
    if (!outcome.ok) {
      expect(JSON.parse(failureBody(outcome))).toEqual({
        error: "store_unavailable",
        message: outcome.message,
      });
    }
  });

  it("answers 503 when begin throws synchronously", async () => {
    const store: DeliveryStore = {
      begin: () => {
        throw new Error("not connected");
      },
      complete: async () => {},
      abandon: async () => {},
    };
    expect(await runOnce(delivery, { store }, () => 200)).toMatchObject({ status: 503 });
  });

  it("keeps the handler's answer when complete rejects, and reports it", async () => {
    const { store } = spyStore({ complete: down });
    const onStoreError = vi.fn();
    const outcome = await runOnce(delivery, { store, onStoreError }, () => 201);
    expect(outcome).toEqual({ ok: true, duplicate: false, result: 201 });
    await vi.waitFor(() =>
      expect(onStoreError).toHaveBeenCalledWith(expect.any(Error), "complete", "d-1"),
    );
    // The lease still holds: a retry meanwhile is told to come back later, not run twice.
    expect(await store.begin("d-1", 1_000, "next")).toBe("in_progress");
  });

  it("rethrows the handler's error, not the store's, when abandon rejects too", async () => {
    const { store } = spyStore({ abandon: down });
    const onStoreError = vi.fn();
    const error = new Error("handler failed");
    await expect(
      runOnce(delivery, { store, onStoreError }, async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    await vi.waitFor(() =>
      expect(onStoreError).toHaveBeenCalledWith(expect.any(Error), "abandon", "d-1"),
    );
    expect(await runOnce(delivery, { store, onStoreError }, () => 500)).toMatchObject({
      ok: false,
      status: 409, // the lease was not released: it runs out by itself
    });
  });

  it("ignores an onStoreError that throws", async () => {
    const { store } = spyStore({ begin: down, complete: down });
    const onStoreError = () => {
      throw new Error("logger broken");
    };
    expect(await runOnce(delivery, { store, onStoreError }, () => 200)).toMatchObject({
      status: 503,
    });
    const healthy = spyStore({ complete: down }).store;
    expect(await runOnce(delivery, { store: healthy, onStoreError }, () => 200)).toMatchObject({
      ok: true,
      result: 200,
    });
  });

  it("treats an unexpected begin answer as in progress, never as new", async () => {
    const store = spyStore({ begin: async () => "maybe" as never }).store;
    const handler = vi.fn();
    expect(await runOnce(delivery, { store }, handler)).toMatchObject({ status: 409 });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("resolveDedupe", () => {
  const store = memoryDeliveryStore();

  it("fills in the defaults and keeps what was given", () => {
    const onStoreError = () => {};
    expect(resolveDedupe({ store })).toEqual({
      store,
      leaseMs: 60_000,
      ttlMs: 3_600_000,
      onStoreError: undefined,
    });
    expect(resolveDedupe({ store, leaseMs: 1, ttlMs: 2, onStoreError })).toEqual({
      store,
      leaseMs: 1,
      ttlMs: 2,
      onStoreError,
    });
  });

  it.each([
    ["no store", { store: undefined }],
    ["a store without abandon", { store: { begin: store.begin, complete: store.complete } }],
    ["leaseMs 0", { store, leaseMs: 0 }],
    ["leaseMs -1", { store, leaseMs: -1 }],
    ["leaseMs 1.5", { store, leaseMs: 1.5 }],
    ["leaseMs NaN", { store, leaseMs: Number.NaN }],
    ["leaseMs Infinity", { store, leaseMs: Number.POSITIVE_INFINITY }],
    ["leaseMs as a string", { store, leaseMs: "60000" }],
    ["ttlMs 0", { store, ttlMs: 0 }],
    ["ttlMs Infinity", { store, ttlMs: Number.POSITIVE_INFINITY }],
  ])("throws TypeError for %s", (_, options) => {
    expect(() => resolveDedupe(options as unknown as DedupeOptions)).toThrow(TypeError);
  });

  it("makes runOnce throw TypeError on a misconfiguration before touching the store", async () => {
    const { store, calls } = spyStore();
    await expect(runOnce(delivery, { store, leaseMs: 0 }, () => 200)).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
  });
});

describe("isRetriedStatus", () => {
  it.each([408, 409, 425, 429, 500, 502, 503, 504, 599])("%i is retried by Jira", (status) => {
    expect(isRetriedStatus(status)).toBe(true);
  });
  it.each([200, 201, 204, 301, 400, 401, 403, 404, 410, 413, 415, 422, 499])(
    "%i is not",
    (status) => {
      expect(isRetriedStatus(status)).toBe(false);
    },
  );
});

describe("duplicateResponse", () => {
  it("is a 200 JSON { duplicate: true }", async () => {
    const response = duplicateResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response.json()).toEqual({ duplicate: true });
  });
});

describe("runOnce behind a real server", () => {
  const SECRET = "dedupe-secret";
  const verifier = createVerifier({ secret: SECRET });
  let server: Server | undefined;

  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it("runs each signed delivery once, however often and however concurrently it arrives", async () => {
    const dedupe = { store: memoryDeliveryStore() };
    const handled: string[] = [];
    server = createServer(async (req, res) => {
      const outcome = await verifyNodeRequest(req, verifier, {}, { fix: "" });
      const ran = outcome.ok
        ? await runOnce(outcome.webhook.delivery, dedupe, async () => {
            handled.push(String(outcome.webhook.delivery.id));
            await new Promise((resolve) => setTimeout(resolve, 20));
            return 204;
          })
        : outcome;
      res.setHeader("content-type", "application/json");
      if (!ran.ok) res.writeHead(ran.status).end(failureBody(ran));
      else if (ran.duplicate) res.writeHead(ran.status).end(ran.body);
      else res.writeHead(ran.result).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const signature = await sign(JIRA_BODY, SECRET);
    const send = (id: string, retry = 0) =>
      fetch(url, {
        method: "POST",
        body: JIRA_BODY,
        headers: {
          "content-type": "application/json",
          "x-hub-signature": signature,
          "x-atlassian-webhook-identifier": id,
          "x-atlassian-webhook-retry": String(retry),
        },
      }).then((response) => response.status);

    const ids = ["a", "b", "c"];
    const statuses = await Promise.all(ids.flatMap((id) => [send(id), send(id), send(id)]));
    expect(statuses.filter((status) => status === 204)).toHaveLength(3);
    // The others came while it ran (409) or after it finished (200 duplicate).
    expect(statuses.every((status) => [204, 409, 200].includes(status))).toBe(true);
    expect(await Promise.all(ids.map((id) => send(id, 1)))).toEqual([200, 200, 200]);
    expect(handled.sort()).toEqual(ids);

    // A forged delivery never reaches the store.
    const forged = await fetch(url, {
      method: "POST",
      body: JIRA_BODY,
      headers: {
        "x-hub-signature": `sha256=${"0".repeat(64)}`,
        "x-atlassian-webhook-identifier": "z",
      },
    });
    expect(forged.status).toBe(401);
    expect(await dedupe.store.begin("z", 1_000, "probe")).toBe("new");
  });
});
