import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryDeliveryStore } from "./memory-delivery-store.ts";
import {
  checkTimestamp,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_REPLAY_MAX_AGE_MS,
  type ReplayOptions,
  resolveReplay,
} from "./replay.ts";

const dedupe = { store: memoryDeliveryStore() };
const NOW = 1_764_340_000_000;
const window = resolveReplay({}, dedupe);

describe("resolveReplay", () => {
  it("fills in one hour of age and five minutes of skew, reading payload.timestamp", () => {
    expect(DEFAULT_REPLAY_MAX_AGE_MS).toBe(3_600_000);
    expect(DEFAULT_CLOCK_SKEW_MS).toBe(300_000);
    expect(window.maxAgeMs).toBe(3_600_000);
    expect(window.clockSkewMs).toBe(300_000);
    expect(window.timestamp({ timestamp: 42 })).toBe(42);
    expect(window.timestamp(undefined)).toBeUndefined();
    expect(window.timestamp("text")).toBeUndefined();
  });

  it("keeps what it is given", () => {
    const timestamp = (payload: unknown) => (payload as { time: number }).time * 1000;
    expect(resolveReplay({ maxAgeMs: 1, clockSkewMs: 0, timestamp }, dedupe)).toEqual({
      maxAgeMs: 1,
      clockSkewMs: 0,
      timestamp,
    });
  });

  it("throws TypeError without dedupe, naming what is missing", () => {
    expect(() => resolveReplay({}, undefined)).toThrow(
      "replay needs dedupe: { store }: replayed deliveries are recognized in the delivery store.",
    );
  });

  it.each([
    ["not an object", true],
    ["null", null],
    ["maxAgeMs 0", { maxAgeMs: 0 }],
    ["maxAgeMs -1", { maxAgeMs: -1 }],
    ["maxAgeMs 1.5", { maxAgeMs: 1.5 }],
    ["maxAgeMs NaN", { maxAgeMs: Number.NaN }],
    ["maxAgeMs Infinity", { maxAgeMs: Number.POSITIVE_INFINITY }],
    ["maxAgeMs as a string", { maxAgeMs: "3600000" }],
    ["clockSkewMs -1", { clockSkewMs: -1 }],
    ["clockSkewMs NaN", { clockSkewMs: Number.NaN }],
    ["timestamp not a function", { timestamp: "timestamp" }],
  ])("throws TypeError for %s", (_, options) => {
    expect(() => resolveReplay(options as unknown as ReplayOptions, dedupe)).toThrow(TypeError);
  });
});

describe("checkTimestamp", () => {
  it.each([
    ["now", NOW],
    ["exactly maxAgeMs old", NOW - 3_600_000],
    ["exactly clockSkewMs ahead", NOW + 300_000],
    ["a Jira retry 30 minutes later", NOW - 30 * 60_000],
  ])("accepts a timestamp of %s", (_, timestamp) => {
    expect(checkTimestamp({ timestamp }, window, NOW)).toBeUndefined();
  });

  it.each([
    [
      "1 ms too old",
      { timestamp: NOW - 3_600_001 },
      /1\.0 h old, older than the replay window of 1\.0 h/,
    ],
    ["a day old", { timestamp: NOW - 86_400_000 }, /24\.0 h old/],
    ["1 ms too far ahead", { timestamp: NOW + 300_001 }, /in the future/],
    ["in seconds, not milliseconds", { timestamp: Math.floor(NOW / 1000) }, /old/],
    ["missing", { webhookEvent: "jira:issue_updated" }, /no signed timestamp/],
    ["a string", { timestamp: String(NOW) }, /no signed timestamp/],
    ["NaN", { timestamp: Number.NaN }, /no signed timestamp/],
    ["Infinity", { timestamp: Number.POSITIVE_INFINITY }, /no signed timestamp/],
    ["-Infinity", { timestamp: Number.NEGATIVE_INFINITY }, /no signed timestamp/],
    ["null", { timestamp: null }, /no signed timestamp/],
    ["a nested object", { timestamp: { valueOf: (): number => NOW } }, /no signed timestamp/],
    ["an array payload", [NOW], /no signed timestamp/],
    ["a text payload", "timestamp=1764340000000", /no signed timestamp/],
    ["an empty body (Exclude body)", undefined, /has no body, so no signed timestamp/],
  ])("refuses a timestamp %s as 400 stale_delivery", (_, payload, message) => {
    const stale = checkTimestamp(payload, window, NOW);
    expect(stale).toMatchObject({ ok: false, status: 400, reason: "stale_delivery" });
    expect(stale?.message).toMatch(message);
  });

  it("refuses when a custom timestamp reader throws, rather than crash", () => {
    const throwing = resolveReplay(
      {
        timestamp: () => {
          throw new Error("bad payload");
        },
      },
      dedupe,
    );
    expect(checkTimestamp({ timestamp: NOW }, throwing, NOW)).toMatchObject({
      reason: "stale_delivery",
    });
  });

  it("reads the timestamp where replay.timestamp says", () => {
    const seconds = resolveReplay(
      { timestamp: (p) => (p as { sent_at: number }).sent_at * 1000 },
      dedupe,
    );
    expect(checkTimestamp({ sent_at: NOW / 1000 }, seconds, NOW)).toBeUndefined();
    expect(checkTimestamp({ timestamp: NOW }, seconds, NOW)).toMatchObject({
      reason: "stale_delivery",
    });
  });

  it("accepts exactly the window [now - maxAgeMs, now + clockSkewMs] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 8 }),
        fc.integer({ min: -(2 * 10 ** 9), max: 2 * 10 ** 9 }),
        (maxAgeMs, clockSkewMs, offset) => {
          const replay = resolveReplay({ maxAgeMs, clockSkewMs }, dedupe);
          const inside = offset >= -maxAgeMs && offset <= clockSkewMs;
          const outcome = checkTimestamp({ timestamp: NOW + offset }, replay, NOW);
          return inside ? outcome === undefined : outcome?.reason === "stale_delivery";
        },
      ),
    );
  });
});
