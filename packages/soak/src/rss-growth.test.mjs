import { describe, expect, it } from "vitest";
import { halfPeakGrowth } from "./rss-growth.mjs";

const MiB = 1024 * 1024;
const series = (values) => values.map((v) => v * MiB);

describe("halfPeakGrowth", () => {
  it("passes a heap that steps up once and stays (the young generation growing to its size)", () => {
    // The lambda demo under load: 69 MiB after the warm-up, 95 MiB from 40 s on.
    const settled = series([69, 79, 86, 90, 95, 94, 95, 95, 94, 95]);
    expect(halfPeakGrowth(settled)).toBeLessThan(0.05);
  });

  it("finds a leak of a steady rate, whatever the base", () => {
    for (const base of [50, 100, 400]) {
      const leak = Array.from({ length: 60 }, (_, second) => (base + second * base * 0.01) * MiB);
      // 1% of the base a second: the second half's peak is about 30% above the first half's.
      expect(halfPeakGrowth(leak)).toBeGreaterThan(0.2);
    }
  });

  it("finds a step in the second half", () => {
    expect(halfPeakGrowth(series([100, 101, 100, 101, 100, 101, 100, 130]))).toBeCloseTo(0.287, 2);
  });

  it("is 0 for a flat series and negative for a shrinking one", () => {
    expect(halfPeakGrowth(series([80, 80, 80, 80]))).toBe(0);
    expect(halfPeakGrowth(series([120, 110, 100, 90]))).toBeLessThan(0);
  });

  it("needs two samples", () => {
    expect(() => halfPeakGrowth([MiB])).toThrow(RangeError);
  });
});
