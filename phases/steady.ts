import { buildProfile } from './build-profile.ts';
import type { PhaseInput, PhaseProfile } from './phase-types.ts';
import { warmUpSegment, warmUpStartRate } from './warm-up.ts';
import { wholeRate } from './whole-rate.ts';

/**
 * docs/runbook.md §9: steady holds the target (baseline) for 30–60 min. 30 min is the low end: long enough for
 * periodic work (GC cycles, cache churn, SQLite checkpoints) to show up in p95 many times over, short
 * enough to run on every release. Soak covers the long end.
 */
export const STEADY_HOLD_MS = 30 * 60_000;

/** Steady: warm-up, then 30 min at baseline. */
export function steady(input: PhaseInput): PhaseProfile {
  return buildProfile(input, (baselineRate) => ({
    executor: 'ramping-arrival-rate',
    startRate: warmUpStartRate(baselineRate),
    segments: [
      warmUpSegment(baselineRate),
      { label: 'steady', durationMs: STEADY_HOLD_MS, targetRate: wholeRate(baselineRate) },
    ],
  }));
}
