// How much a server's resident memory grew, told apart from the heap settling.

/**
 * Growth from the peak of the first half of a run's RSS samples to the peak of its second half.
 * A leak grows for as long as traffic flows, so it shows between the halves; a runtime whose
 * heap steps up to its working size while it settles (V8 doubles its young generation under
 * allocation pressure: 16 to 32 MiB on Node 20, a step of about 20 MiB of RSS) does so once and
 * then stays, so it does not.
 *
 * @param {number[]} samples RSS in bytes, oldest first, at least two
 * @returns {number} (peak of the second half − peak of the first half) / peak of the first half
 * @example
 * halfPeakGrowth([100, 120, 121, 120, 122, 121]); // 0.0083: settled
 * halfPeakGrowth([100, 110, 120, 130, 140, 150]); // 0.25: still growing
 */
export function halfPeakGrowth(samples) {
  if (samples.length < 2) throw new RangeError("halfPeakGrowth needs two samples or more.");
  const middle = Math.floor(samples.length / 2);
  const first = Math.max(...samples.slice(0, middle));
  const second = Math.max(...samples.slice(middle));
  return (second - first) / first;
}
