// The short version of the timing test: the leaky compare must be found (the test has power);
// the two engines must show nothing like it.
import { expect, it } from "vitest";
import { moments, welchT } from "./stats.mjs";
import { T_THRESHOLD, timingTest } from "./timing.mjs";

it("finds the leak of a compare that stops at the first wrong digit", async () => {
  const result = await timingTest("leaky", 20_000);
  expect(result.t).toBeGreaterThan(T_THRESHOLD);
  expect(result.leaks).toBe(true);
});

// dudect reads |t| > 10 as a certain leak; between 4.5 and 10 a shared machine's noise may
// land now and then in a short run. The full run (pnpm soak) holds both engines to 4.5.
it.each(["node", "web"])("finds no leak in the %s engine", async (engine) => {
  const result = await timingTest(engine, engine === "web" ? 10_000 : 20_000);
  expect(result.samples).toBe(engine === "web" ? 10_000 : 20_000);
  expect(result.t).toBeLessThan(10);
});

it("computes Welch's t", () => {
  expect(moments([1, 2, 3, 4])).toEqual({ n: 4, mean: 2.5, variance: 5 / 3 });
  // Means 2 and 5, variances 1 and 1, n 3 and 3: t = -3 / sqrt(2/3).
  expect(welchT([1, 2, 3], [4, 5, 6])).toBeCloseTo(-3 / Math.sqrt(2 / 3), 10);
  expect(welchT([1, 1], [1, 1])).toBe(0);
});
