/** Samples wanted beyond the percentile, in the tail, for its estimate to be stable. */
export const TAIL_SAMPLES = 100;

/**
 * The fewest samples for which a comparison of percentile `p` (0–100) is conclusive; with fewer the
 * verdict is `inconclusive` rather than a guess. A percentile is estimated from the samples beyond it:
 * with n samples, (1 − p/100)·n of them lie in the tail, and about 100 tail samples keep the estimate's
 * noise near a tenth of its width (the count of samples past a value varies by about √100 = 10). So
 * n = 100 / (1 − p/100), rounded up: p95 needs 2,000 samples, p99 10,000, p50 200.
 *
 * @throws Error when p is outside [0, 100)
 */
export function minimumSamples(p: number): number {
  if (!(p >= 0 && p < 100)) throw new Error(`minimumSamples: expected a percentile in [0, 100), got ${p}`);
  return Math.ceil(Number((TAIL_SAMPLES / (1 - p / 100)).toPrecision(12)));
}
