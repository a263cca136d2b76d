import { buildProfile } from './build-profile.ts';
import type { PhaseInput, PhaseProfile } from './phase-types.ts';
import { warmUpSegment, warmUpStartRate } from './warm-up.ts';
import { wholeRate } from './whole-rate.ts';

/**
 * docs/runbook.md §9: soak runs 2–4 h at baseline. 2 h is the low end: long enough for slow leaks, heap growth and
 * creeping consumer lag to rise above the noise of a 30 min steady run, and it fits in a working day.
 */
export const SOAK_HOLD_MS = 2 * 60 * 60_000;

/** Soak: warm-up, then 2 h at baseline. */
export function soak(input: PhaseInput): PhaseProfile {
  return buildProfile(input, (baselineRate) => ({
    executor: 'ramping-arrival-rate',
    startRate: warmUpStartRate(baselineRate),
    segments: [
      warmUpSegment(baselineRate),
      { label: 'steady', durationMs: SOAK_HOLD_MS, targetRate: wholeRate(baselineRate) },
    ],
  }));
}
