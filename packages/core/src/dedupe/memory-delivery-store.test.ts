import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryDeliveryStore } from "./memory-delivery-store.js";

function clocked(maxEntries?: number) {
  const clock = { time: 1_000 };
  const store = memoryDeliveryStore({ maxEntries, now: () => clock.time });
  return { clock, store };
}

describe("memoryDeliveryStore", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("leases a new delivery, then reports it in progress until the lease runs out", async () => {
    const { clock, store } = clocked();
    expect(await store.begin("a", 100)).toBe("new");
    expect(await store.begin("a", 100)).toBe("in_progress");
    clock.time += 99;
    expect(await store.begin("a", 100)).toBe("in_progress");
    clock.time += 1;
    expect(await store.begin("a", 100)).toBe("new");
    expect(await store.begin("a", 100)).toBe("in_progress");
  });

  it("remembers a completed delivery for ttlMs, then forgets it", async () => {
    const { clock, store } = clocked();
    await store.begin("a", 100);
    await store.complete("a", 1_000);
    clock.time += 500; // past the lease: still done
    expect(await store.begin("a", 100)).toBe("done");
    clock.time += 499;
    expect(await store.begin("a", 100)).toBe("done");
    clock.time += 1;
    expect(await store.begin("a", 100)).toBe("new");
  });

  it("abandon releases a lease, and never forgets a completed delivery", async () => {
    const { store } = clocked();
    await store.begin("a", 100);
    await store.abandon("a");
    expect(await store.begin("a", 100)).toBe("new");
    await store.complete("a", 1_000);
    await store.abandon("a");
    expect(await store.begin("a", 100)).toBe("done");
    await store.abandon("unknown");
    expect(await store.begin("unknown", 100)).toBe("new");
  });

  it("keeps deliveries apart", async () => {
    const { store } = clocked();
    expect(await store.begin("a", 100)).toBe("new");
    expect(await store.begin("b", 100)).toBe("new");
    await store.complete("a", 1_000);
    expect(await store.begin("a", 100)).toBe("done");
    expect(await store.begin("b", 100)).toBe("in_progress");
  });

  it("forgets the least recently seen delivery past maxEntries", async () => {
    const { store } = clocked(2);
    await store.begin("a", 1_000);
    await store.begin("b", 1_000);
    expect(await store.begin("a", 1_000)).toBe("in_progress"); // a is now the most recent
    await store.begin("c", 1_000); // evicts b
    expect(await store.begin("b", 1_000)).toBe("new"); // evicts a
    expect(await store.begin("c", 1_000)).toBe("in_progress");
    expect(await store.begin("a", 1_000)).toBe("new");
  });

  it("never holds more than maxEntries", async () => {
    const { store } = clocked(3);
    for (let i = 0; i < 100; i++) await store.complete(`id-${i}`, 1_000);
    // Newest first, so that reading does not push the survivors out.
    const states = [];
    for (let i = 99; i >= 95; i--) states.push(await store.begin(`id-${i}`, 1_000));
    expect(states).toEqual(["done", "done", "done", "new", "new"]);
  });

  it("uses Date.now by default, so fake timers drive it", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const store = memoryDeliveryStore();
    expect(await store.begin("a", 60_000)).toBe("new");
    vi.advanceTimersByTime(59_999);
    expect(await store.begin("a", 60_000)).toBe("in_progress");
    vi.advanceTimersByTime(1);
    expect(await store.begin("a", 60_000)).toBe("new");
    await store.complete("a", 3_600_000);
    vi.advanceTimersByTime(3_599_999);
    expect(await store.begin("a", 60_000)).toBe("done");
    vi.advanceTimersByTime(1);
    expect(await store.begin("a", 60_000)).toBe("new");
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "throws TypeError for maxEntries %s",
    (maxEntries) => {
      expect(() => memoryDeliveryStore({ maxEntries })).toThrow(TypeError);
    },
  );
});
