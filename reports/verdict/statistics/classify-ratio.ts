/** A verdict on one percentile ratio. */
export type RatioClass = 'pass' | 'warn' | 'block';

/** Ratios at or below this are noise whatever the interval says; a block needs the interval's lower bound above it. */
export const NOISE_RATIO = 1.05;

/**
 * Classifies a candidate ÷ baseline percentile ratio and its bootstrap interval:
 * - `pass` when `ratio ≤ 1.05`, or the interval `[low, high]` includes 1 (no evidence of a change);
 * - `block` when `ratio > thresholdRatio` and `low > 1.05` (a regression past the threshold that the
 *   interval confirms is more than noise);
 * - `warn` otherwise: a regression up to the threshold, or past it with an interval that reaches below 1.05.
 *
 * @param thresholdRatio ratio above which a confirmed regression blocks
 * @default thresholdRatio 1.2
 */
export function classifyRatio(interval: { low: number; high: number; ratio: number }, thresholdRatio = 1.2): RatioClass {
  const { low, high, ratio } = interval;
  if (ratio <= NOISE_RATIO || (low <= 1 && high >= 1)) return 'pass';
  if (ratio > thresholdRatio && low > NOISE_RATIO) return 'block';
  return 'warn';
}
