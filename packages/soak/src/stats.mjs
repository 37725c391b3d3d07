// Small statistics: percentiles, Welch's t, and a growable sample of numbers.

/**
 * The `p`-th percentile (0-100) of `values`, nearest rank; NaN when empty.
 *
 * @param {ArrayLike<number>} values
 * @example
 * percentile([1, 2, 3, 4], 50); // 2
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return /** @type {number} */ (sorted[rank]);
}

/**
 * Mean and unbiased variance of `values`.
 *
 * @param {ArrayLike<number>} values
 * @example
 * moments([1, 2, 3]); // { n: 3, mean: 2, variance: 1 }
 */
export function moments(values) {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = /** @type {number} */ (values[i]);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const n = values.length;
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * Welch's t statistic of two samples: how many standard errors their means lie apart, without
 * assuming equal variances. dudect reads |t| > 4.5 as a timing leak.
 *
 * @param {ArrayLike<number>} a
 * @param {ArrayLike<number>} b
 * @example
 * Math.abs(welchT(firstByteTimes, lastByteTimes)) > 4.5; // leaky
 */
export function welchT(a, b) {
  const x = moments(a);
  const y = moments(b);
  const se = Math.sqrt(x.variance / x.n + y.variance / y.n);
  return se === 0 ? 0 : (x.mean - y.mean) / se;
}

/**
 * Fisher-Yates, in place.
 *
 * @example
 * shuffle([1, 2, 3]);
 */
export function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Bytes as MiB with one decimal. */
export function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Milliseconds with a precision that fits. */
export function ms(value) {
  if (!Number.isFinite(value)) return "-";
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
}
