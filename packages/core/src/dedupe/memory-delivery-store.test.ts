import { describeDeliveryStoreContract } from "@hubsig/test-kit/store-contract";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryDeliveryStore } from "./memory-delivery-store.ts";

function clocked(maxEntries?: number) {
  const clock = { time: 1_000 };
  const store = memoryDeliveryStore({ maxEntries, now: () => clock.time });
  return { clock, store };
}

describeDeliveryStoreContract({ open: () => memoryDeliveryStore(), shared: false });

describe("memoryDeliveryStore", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports a lease in progress until the very millisecond it runs out", async () => {
    const { clock, store } = clocked();
    expect(await store.begin("a", 100, "l1")).toBe("new");
    clock.time += 99;
    expect(await store.begin("a", 100, "l2")).toBe("in_progress");
    clock.time += 1;
    expect(await store.begin("a", 100, "l3")).toBe("new");
    expect(await store.begin("a", 100, "l4")).toBe("in_progress");
  });

  it("remembers a completed delivery for ttlMs, to the millisecond, then forgets it", async () => {
    const { clock, store } = clocked();
    await store.begin("a", 100, "l1");
    await store.complete("a", 1_000, "l1");
    clock.time += 999;
    expect(await store.begin("a", 100, "l2")).toBe("done");
    clock.time += 1;
    expect(await store.begin("a", 100, "l3")).toBe("new");
  });

  it("a stale attempt in the same process cannot release the lease that took over", async () => {
    const { clock, store } = clocked();
    await store.begin("a", 100, "attempt-a");
    clock.time += 100;
    await store.begin("a", 100, "attempt-b");
    await store.abandon("a", "attempt-a");
    expect(await store.begin("a", 100, "attempt-c")).toBe("in_progress");
  });

  it("forgets the least recently seen handled delivery past maxEntries", async () => {
    const { store } = clocked(2);
    for (const id of ["a", "b"]) {
      await store.begin(id, 1_000, id);
      await store.complete(id, 10_000, id);
    }
    expect(await store.begin("a", 1_000, "x")).toBe("done"); // a is now the most recent
    await store.begin("c", 1_000, "c"); // evicts b
    expect(await store.begin("a", 1_000, "x")).toBe("done");
    expect(await store.begin("c", 1_000, "x")).toBe("in_progress");
    await store.complete("c", 10_000, "c");
    expect(await store.begin("b", 1_000, "b")).toBe("new"); // b was forgotten; evicts a
    expect(await store.begin("c", 1_000, "x")).toBe("done");
    expect(await store.begin("a", 1_000, "a")).toBe("new"); // evicts c
  });

  it("never evicts a delivery whose handler still runs: expired and handled entries go first", async () => {
    const { clock, store } = clocked(3);
    await store.begin("running", 10_000, "r");
    await store.begin("expiring", 100, "e");
    await store.begin("handled", 1_000, "h");
    await store.complete("handled", 50_000, "h");
    clock.time += 200; // "expiring"'s lease ran out
    await store.begin("new-1", 10_000, "n1"); // takes the expired lease's place
    await store.begin("new-2", 10_000, "n2"); // takes the handled delivery's place
    expect(await store.begin("running", 10_000, "x")).toBe("in_progress");
    expect(await store.begin("new-1", 10_000, "x")).toBe("in_progress");
    expect(await store.begin("new-2", 10_000, "x")).toBe("in_progress");
    // "handled" was forgotten (not "done"), and there is no room left to run it again.
    await expect(store.begin("handled", 1_000, "x")).rejects.toThrow(/is full/);
  });

  it("refuses a new delivery while every entry runs (503 for the sender), until one finishes", async () => {
    const { store } = clocked(2);
    await store.begin("a", 10_000, "a");
    await store.begin("b", 10_000, "b");
    await expect(store.begin("c", 10_000, "c")).rejects.toThrow(
      "memoryDeliveryStore is full: all 2 entries are deliveries whose handlers still run.",
    );
    expect(await store.begin("a", 10_000, "x")).toBe("in_progress"); // nothing was dropped
    expect(await store.begin("b", 10_000, "x")).toBe("in_progress");
    await store.abandon("a", "a");
    expect(await store.begin("c", 10_000, "c")).toBe("new");
  });

  it("drops a completion rather than grow past maxEntries when only running deliveries are left", async () => {
    const { clock, store } = clocked(2);
    await store.begin("a", 100, "a");
    clock.time += 100; // a's lease ran out
    await store.begin("b", 10_000, "b"); // a is still stored, expired
    await store.begin("c", 10_000, "c"); // replaces the expired a
    await store.complete("a", 10_000, "a"); // no room: both entries run
    expect(await store.begin("b", 10_000, "x")).toBe("in_progress");
    expect(await store.begin("c", 10_000, "x")).toBe("in_progress");
    await store.complete("b", 10_000, "b"); // b's own entry turns handled
    expect(await store.begin("b", 10_000, "x")).toBe("done");
  });

  it("never holds more than maxEntries", async () => {
    const { store } = clocked(3);
    for (let i = 0; i < 100; i++) await store.complete(`id-${i}`, 1_000, "l");
    // Newest first, so that reading does not push the survivors out.
    const states = [];
    for (let i = 99; i >= 95; i--) states.push(await store.begin(`id-${i}`, 1_000, "l"));
    expect(states).toEqual(["done", "done", "done", "new", "new"]);
  });

  it("stays correct for a store written before leases (calls without a lease)", async () => {
    const { store } = clocked();
    const legacy = store as unknown as {
      begin(id: string, leaseMs: number): Promise<string>;
      abandon(id: string): Promise<void>;
    };
    expect(await legacy.begin("a", 1_000)).toBe("new");
    await legacy.abandon("a");
    expect(await legacy.begin("a", 1_000)).toBe("new");
  });

  it("uses Date.now by default, so fake timers drive it", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const store = memoryDeliveryStore();
    expect(await store.begin("a", 60_000, "l1")).toBe("new");
    vi.advanceTimersByTime(59_999);
    expect(await store.begin("a", 60_000, "l2")).toBe("in_progress");
    vi.advanceTimersByTime(1);
    expect(await store.begin("a", 60_000, "l3")).toBe("new");
    await store.complete("a", 3_600_000, "l3");
    vi.advanceTimersByTime(3_599_999);
    expect(await store.begin("a", 60_000, "l4")).toBe("done");
    vi.advanceTimersByTime(1);
    expect(await store.begin("a", 60_000, "l5")).toBe("new");
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "throws TypeError for maxEntries %s",
    (maxEntries) => {
      expect(() => memoryDeliveryStore({ maxEntries })).toThrow(TypeError);
    },
  );
});
