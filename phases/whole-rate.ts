/**
 * k6 arrival rates are whole iterations per timeUnit, so a fraction of the baseline is rounded to the
 * nearest whole rate, never below 1/s (a rate of 0 would start nothing).
 */
export function wholeRate(iterationsPerSecond: number): number {
  return Math.max(1, Math.round(iterationsPerSecond));
}
