import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";

// The delivery store interface as the contract calls it; the test kit does not depend on the core.
type State = "new" | "in_progress" | "done";
interface Store {
  begin(id: string, leaseMs: number, lease: string): Promise<State>;
  complete(id: string, ttlMs: number, lease: string): Promise<void>;
  abandon(id: string, lease: string): Promise<void>;
}

/** How the contract reaches the store under test. */
export interface StoreContractTarget {
  /**
   * Opens a store. Two stores opened with the same `namespace` share their deliveries when
   * `shared` is set (two processes on one Redis); each test gets a namespace of its own.
   */
  open(namespace: string): Store | Promise<Store>;
  /** Whether stores opened with one namespace see each other's deliveries. */
  shared: boolean;
}

/** A lease short enough to run out within a test, long enough not to on a busy machine. */
const LEASE_MS = 300;
const pastLease = () => sleep(LEASE_MS * 2);
let namespaces = 0;

/**
 * The cases every `DeliveryStore` must pass, written once: the memory store and
 * `@hubsig/redis` against a real redis-server both run it. Leases are what it is about: an
 * attempt whose lease ran out must never release the lease of the attempt that took over,
 * within one process (one store object) or across processes (two stores on shared data).
 *
 * @example
 * describeDeliveryStoreContract({ open: () => memoryDeliveryStore(), shared: false });
 */
export function describeDeliveryStoreContract(target: StoreContractTarget): void {
  const fresh = async () => {
    const namespace = `contract-${process.pid}-${Date.now()}-${++namespaces}:`;
    return { namespace, store: await target.open(namespace) };
  };

  describe("delivery store contract", () => {
    it("leases a new delivery, refuses a second attempt, then remembers it as done", async () => {
      const { store } = await fresh();
      expect(await store.begin("a", 10_000, "lease-1")).toBe("new");
      expect(await store.begin("a", 10_000, "lease-2")).toBe("in_progress");
      await store.complete("a", 60_000, "lease-1");
      expect(await store.begin("a", 10_000, "lease-3")).toBe("done");
    });

    it("lets a retry through once the lease runs out", async () => {
      const { store } = await fresh();
      expect(await store.begin("a", LEASE_MS, "lease-1")).toBe("new");
      expect(await store.begin("a", LEASE_MS, "lease-2")).toBe("in_progress");
      await pastLease();
      expect(await store.begin("a", LEASE_MS, "lease-3")).toBe("new");
    });

    it("forgets a handled delivery after ttlMs", async () => {
      const { store } = await fresh();
      await store.begin("a", 10_000, "lease-1");
      await store.complete("a", LEASE_MS, "lease-1");
      expect(await store.begin("a", 10_000, "lease-2")).toBe("done");
      await pastLease();
      expect(await store.begin("a", 10_000, "lease-3")).toBe("new");
    });

    it("abandon releases the attempt's own lease, so the retry runs", async () => {
      const { store } = await fresh();
      await store.begin("a", 10_000, "lease-1");
      await store.abandon("a", "lease-1");
      expect(await store.begin("a", 10_000, "lease-2")).toBe("new");
    });

    it("abandon with a lease that does not hold the delivery changes nothing", async () => {
      const { store } = await fresh();
      await store.begin("a", 10_000, "lease-1");
      await store.abandon("a", "someone-else");
      expect(await store.begin("a", 10_000, "lease-2")).toBe("in_progress");
      await store.abandon("never-begun", "lease-1");
      expect(await store.begin("never-begun", 10_000, "lease-2")).toBe("new");
    });

    it("a stale attempt's abandon never frees the lease of the attempt that took over", async () => {
      const { store } = await fresh();
      expect(await store.begin("a", LEASE_MS, "attempt-a")).toBe("new");
      await pastLease(); // A's lease runs out while its handler still runs
      expect(await store.begin("a", 10_000, "attempt-b")).toBe("new");
      await store.abandon("a", "attempt-a"); // A fails and releases
      expect(await store.begin("a", 10_000, "attempt-c")).toBe("in_progress"); // B still holds it
      await store.abandon("a", "attempt-b");
      expect(await store.begin("a", 10_000, "attempt-d")).toBe("new");
    });

    it("a stale attempt that succeeds marks the delivery handled; the taker's abandon keeps it", async () => {
      const { store } = await fresh();
      await store.begin("a", LEASE_MS, "attempt-a");
      await pastLease();
      await store.begin("a", 10_000, "attempt-b");
      await store.complete("a", 60_000, "attempt-a"); // A's handler did finish
      await store.abandon("a", "attempt-b"); // B failed: A's success stands
      expect(await store.begin("a", 10_000, "attempt-c")).toBe("done");
    });

    it("abandon never undoes a handled delivery", async () => {
      const { store } = await fresh();
      await store.begin("a", 10_000, "lease-1");
      await store.complete("a", 60_000, "lease-1");
      await store.abandon("a", "lease-1");
      expect(await store.begin("a", 10_000, "lease-2")).toBe("done");
    });

    it("keeps deliveries apart", async () => {
      const { store } = await fresh();
      expect(await store.begin("a", 10_000, "lease-1")).toBe("new");
      expect(await store.begin("b", 10_000, "lease-2")).toBe("new");
      await store.complete("a", 60_000, "lease-1");
      expect(await store.begin("a", 10_000, "lease-3")).toBe("done");
      expect(await store.begin("b", 10_000, "lease-3")).toBe("in_progress");
    });

    it("gives each delivery to exactly one of many racing attempts", async () => {
      const { store } = await fresh();
      const ids = Array.from({ length: 20 }, (_, i) => `id-${i}`);
      const states = await Promise.all(
        ids.map((id) =>
          Promise.all([0, 1, 2].map((attempt) => store.begin(id, 10_000, `${id}-${attempt}`))),
        ),
      );
      for (const trio of states) expect(trio.sort()).toEqual(["in_progress", "in_progress", "new"]);
    });

    if (target.shared) {
      it("across two processes, a stale attempt never frees the other's lease", async () => {
        const { namespace, store: first } = await fresh();
        const second = await target.open(namespace);
        expect(await first.begin("a", LEASE_MS, "attempt-a")).toBe("new");
        await pastLease();
        expect(await second.begin("a", 10_000, "attempt-b")).toBe("new");
        await first.abandon("a", "attempt-a");
        expect(await first.begin("a", 10_000, "attempt-c")).toBe("in_progress");
        await second.complete("a", 60_000, "attempt-b");
        expect(await first.begin("a", 10_000, "attempt-d")).toBe("done");
      });

      it("across two processes, each delivery goes to exactly one", async () => {
        const { namespace, store: first } = await fresh();
        const second = await target.open(namespace);
        const ids = Array.from({ length: 20 }, (_, i) => `id-${i}`);
        const states = await Promise.all(
          ids.map((id) =>
            Promise.all([first.begin(id, 10_000, `${id}-1`), second.begin(id, 10_000, `${id}-2`)]),
          ),
        );
        for (const pair of states) expect(pair.sort()).toEqual(["in_progress", "new"]);
      });
    }
  });
}
