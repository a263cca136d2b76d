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
  const sorted = [...ratios].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
