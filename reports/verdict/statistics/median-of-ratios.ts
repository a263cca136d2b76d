import { median } from './median.ts';

/**
 * The median of the ratios of `--repeat N` runs (the mean of the middle two for an even N), so one
 * noisy repeat cannot swing the verdict.
 *
 * @throws Error when `ratios` is empty or holds a value that is not a finite number
 */
export function medianOfRatios(ratios: readonly number[]): number {
  if (ratios.length === 0) throw new Error('medianOfRatios: expected at least one ratio, got none');
  for (const ratio of ratios) {
    if (!Number.isFinite(ratio)) throw new Error(`medianOfRatios: expected finite ratios, got ${ratio}`);
  }
  return median(ratios)!;
}
