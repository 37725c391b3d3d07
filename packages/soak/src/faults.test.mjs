// The short version of the fault runs: receivers killed with SIGKILL and redis-server restarted
// under a Jira-like sender, then a Redis Cluster losing a primary.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyse, clusterFailover, redisFaults } from "./faults.mjs";
import { stopAll } from "./processes.mjs";

const SECRET = "soak-test-secret";
const dir = mkdtempSync(join(tmpdir(), "hubsig-soak-faults-"));

afterAll(stopAll);

it("loses nothing when receivers are killed and redis-server restarts, and runs twice only what a kill cut short", async () => {
  const result = await redisFaults({
    secret: SECRET,
    dir: join(dir, "redis"),
    durationMs: 8000,
    concurrency: 6,
    killEveryMs: 1000,
    redisDownMs: 1500,
  });
  expect(result.kills).toBeGreaterThanOrEqual(2);
  expect(result.deliveries).toBeGreaterThan(0);
  expect(result.unexplained).toEqual([]);
  expect(result).toMatchObject({ lost: 0, notHandled: 0, pass: true });
  // The faults were felt: attempts broke off or were refused (503 while Redis was away), and retried.
  expect(result.attempts).toBeGreaterThan(result.deliveries);
});

it("loses nothing when a Redis Cluster primary is killed and its replica takes over", async () => {
  const result = await clusterFailover({
    secret: SECRET,
    dir: join(dir, "cluster"),
    durationMs: 8000,
    concurrency: 6,
    nodeTimeoutMs: 1000,
  });
  expect(result.failoverMs).toBeGreaterThan(0);
  expect(result.deliveries).toBeGreaterThan(0);
  expect(result).toMatchObject({ lost: 0, notHandled: 0, pass: true });
});

describe("analyse", () => {
  const delivered = (id, outcomes) => ({
    id,
    state: "delivered",
    attempts: outcomes.map((outcome, retry) => ({
      retry,
      outcome,
      sentAt: retry,
      at: retry + 0.5,
    })),
  });

  it("explains a second run by a kill that cut the first attempt short, and nothing else", () => {
    const runs = new Map([
      [
        "a",
        [
          { id: "a", retry: 0, pid: 1, ended: false },
          { id: "a", retry: 2, pid: 2, ended: true },
        ],
      ],
      [
        "b",
        [
          { id: "b", retry: 0, pid: 3, ended: true },
          { id: "b", retry: 1, pid: 2, ended: true },
        ],
      ],
      [
        "c",
        [
          { id: "c", retry: 0, pid: 1, ended: true },
          { id: "c", retry: 1, pid: 2, ended: true },
        ],
      ],
    ]);
    const outcome = analyse(
      [
        delivered("a", ["reset", "409", "204"]),
        delivered("b", ["reset", "204"]),
        delivered("c", ["204", "204"]),
      ],
      runs,
      new Set([1]),
    );
    expect(outcome.handledTwice).toBe(3);
    // b: its first run's process was never killed; c: the first attempt was answered.
    expect(outcome.unexplained).toHaveLength(2);
    expect(outcome.unexplained[0]).toMatch(/^b: /);
    expect(outcome.unexplained[1]).toMatch(/^c: /);
  });

  it("times a delivery from the first attempt's sending to the 2xx, a single attempt included", () => {
    const single = [
      { id: "s", state: "delivered", attempts: [{ retry: 0, outcome: "204", sentAt: 10, at: 18 }] },
    ];
    const runs = new Map([["s", [{ id: "s", retry: 0, pid: 1, ended: true }]]]);
    expect(analyse(single, runs, new Set()).p99DeliveredMs).toBe(8);
    const retried = [
      {
        id: "r",
        state: "delivered",
        attempts: [
          { retry: 0, outcome: "503", sentAt: 0, at: 5 },
          { retry: 1, outcome: "204", sentAt: 205, at: 212 },
        ],
      },
    ];
    const ran = new Map([["r", [{ id: "r", retry: 1, pid: 1, ended: true }]]]);
    expect(analyse(retried, ran, new Set()).p99DeliveredMs).toBe(212);
  });

  it("counts a delivery that never got a 2xx as lost, and a 2xx without a finished run as not handled", () => {
    const outcome = analyse(
      [
        { id: "x", state: "gave-up", attempts: [{ retry: 0, outcome: "503", sentAt: 0, at: 0.5 }] },
        delivered("y", ["200"]),
      ],
      new Map([["y", [{ id: "y", retry: 0, pid: 1, ended: false }]]]),
      new Set(),
    );
    expect(outcome).toMatchObject({ lost: 1, notHandled: 1 });
  });
});
