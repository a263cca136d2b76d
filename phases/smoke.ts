import { buildProfile } from './build-profile.ts';
import type { PhaseInput, PhaseProfile } from './phase-types.ts';
import { wholeRate } from './whole-rate.ts';

/** docs/runbook.md §9: the smoke phase validates the scenario over 5 minutes at low load. */
export const SMOKE_DURATION_MS = 5 * 60_000;

/**
 * Smoke runs at this fraction of the baseline (never below 1/s): enough iterations to exercise every code
 * path and check, too few to stress anything, so a failure means the scenario is broken, not the target.
 */
export const SMOKE_RATE_FRACTION = 0.1;

/**
 * The first minute of smoke is labelled warm-up (cold cache, connection set-up, JIT); the rest is steady.
 * The rate does not change, so smoke keeps the simpler constant-arrival-rate executor.
 */
export const SMOKE_WARM_UP_MS = 60_000;

/** Smoke: validates the scenario; 5 min at 10% of baseline, warm-up then steady. */
export function smoke(input: PhaseInput): PhaseProfile {
  return buildProfile(input, (baselineRate) => {
    const rate = wholeRate(baselineRate * SMOKE_RATE_FRACTION);
    return {
      executor: 'constant-arrival-rate',
      startRate: rate,
      segments: [
        { label: 'warm-up', durationMs: SMOKE_WARM_UP_MS, targetRate: rate },
        { label: 'steady', durationMs: SMOKE_DURATION_MS - SMOKE_WARM_UP_MS, targetRate: rate },
      ],
    };
  });
}
