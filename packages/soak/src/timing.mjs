// The dudect-style timing test: Welch's t between the verify times of wrong signatures that
// differ from the right one in the first digest byte and in the last, measured interleaved in a
// fresh process per engine, over the samples below several cropping percentiles.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { welchT } from "./stats.mjs";

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL("./timing-worker.mjs", import.meta.url));

/** dudect's threshold: past it, the two classes' times differ. */
export const T_THRESHOLD = 4.5;

/** The measurements are cropped at these percentiles of both classes pooled (100: nothing cropped). */
const CROPS = [100, 99, 95, 90, 75, 50];

/**
 * @typedef {object} TimingResult
 * @property {"node" | "web" | "leaky"} engine
 * @property {string} label
 * @property {number} samples
 * @property {number} t the largest |t| over the crops
 * @property {number} crop the percentile it was found at
 * @property {number} meanNs the mean verify time, for scale
 * @property {boolean} leaks |t| > T_THRESHOLD
 */

/** What each engine is. */
export const ENGINES = /** @type {const} */ ({
  node: "node:crypto (timingSafeEqual)",
  web: "WebCrypto (crypto.subtle.verify)",
  leaky: "leaky compare (stops at first wrong digit)",
});

/**
 * Measures `engine` over `samples` interleaved verifications.
 *
 * @param {"node" | "web" | "leaky"} engine
 * @returns {Promise<TimingResult>}
 * @example
 * const { t, leaks } = await timingTest("node", 200_000);
 */
export async function timingTest(engine, samples) {
  const { stdout } = await run(process.execPath, [WORKER, engine, String(samples)], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  const { first, last } = JSON.parse(stdout);
  const pooled = Float64Array.from([...first, ...last]).sort();
  let best = { t: 0, crop: 100 };
  for (const crop of CROPS) {
    const limit = pooled[Math.min(pooled.length - 1, Math.floor((crop / 100) * pooled.length))];
    const a = first.filter((ns) => ns <= limit);
    const b = last.filter((ns) => ns <= limit);
    const t = Math.abs(welchT(a, b));
    if (t > best.t) best = { t, crop };
  }
  const meanNs = pooled.reduce((sum, ns) => sum + ns, 0) / pooled.length;
  return {
    engine,
    label: ENGINES[engine],
    samples: first.length + last.length,
    ...best,
    meanNs,
    leaks: best.t > T_THRESHOLD,
  };
}
