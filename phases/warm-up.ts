import type { PhaseSegment } from './phase-types.ts';
import { wholeRate } from './whole-rate.ts';

/**
 * Length of the warm-up window that opens ramp, steady, spike and soak. At the default 100/s the shop's
 * 2000-entry LRU cache fills in well under a minute and V8 has optimised the hot paths; two minutes leaves
 * margin, and analysis excludes the window so cold-start misses don't count against the budget.
 */
export const WARM_UP_MS = 2 * 60_000;

/**
 * Warm-up starts at this fraction of the baseline and climbs linearly to it, as real traffic does after a
 * deploy, instead of hitting a cold service with the full rate in its first second.
 */
export const WARM_UP_START_FRACTION = 0.1;

/** Rate a warm-up starts at, for a baseline. */
export function warmUpStartRate(baselineRate: number): number {
  return wholeRate(baselineRate * WARM_UP_START_FRACTION);
}

/** The warm-up segment: climbs from warmUpStartRate to the baseline over WARM_UP_MS. */
export function warmUpSegment(baselineRate: number): PhaseSegment {
  return { label: 'warm-up', durationMs: WARM_UP_MS, targetRate: wholeRate(baselineRate) };
}
