import { buildProfile } from './build-profile.ts';
import type { PhaseInput, PhaseProfile, PhaseSegment } from './phase-types.ts';
import { warmUpSegment, warmUpStartRate } from './warm-up.ts';
import { wholeRate } from './whole-rate.ts';

/**
 * docs/runbook.md §9: ramp goes from baseline to stress gradually. Each step is a multiple of the baseline; the first
 * holds the baseline itself so the report has a reference to compare the knee against, and the last, 3×,
 * is the stress level the service must survive.
 */
export const RAMP_STEP_MULTIPLIERS = [1, 1.5, 2, 2.5, 3] as const;

/** Each step climbs linearly for this long, so the executor adds VUs smoothly instead of in one jolt. */
export const RAMP_STEP_CLIMB_MS = 30_000;

/**
 * Then holds the step's rate for this long: long enough for p95 at that rate to settle (thousands of
 * samples at baseline) so the step where latency bends away from the budget stands out.
 */
export const RAMP_STEP_HOLD_MS = 150_000;

/** Ramp: warm-up, then baseline → 3× baseline in steps of 0.5×, each a 30 s climb and a 2.5 min hold. */
export function ramp(input: PhaseInput): PhaseProfile {
  return buildProfile(input, (baselineRate) => {
    const steps = RAMP_STEP_MULTIPLIERS.flatMap((multiplier): PhaseSegment[] => {
      const targetRate = wholeRate(baselineRate * multiplier);
      return [
        { label: 'ramp', durationMs: RAMP_STEP_CLIMB_MS, targetRate },
        { label: 'ramp', durationMs: RAMP_STEP_HOLD_MS, targetRate },
      ];
    });
    return {
      executor: 'ramping-arrival-rate',
      startRate: warmUpStartRate(baselineRate),
      segments: [warmUpSegment(baselineRate), ...steps],
    };
  });
}
