import { buildProfile } from './build-profile.ts';
import type { PhaseInput, PhaseProfile } from './phase-types.ts';
import { warmUpSegment, warmUpStartRate } from './warm-up.ts';
import { wholeRate } from './whole-rate.ts';

/** docs/runbook.md §9: a spike is a sudden burst to 5× the baseline. */
export const SPIKE_MULTIPLIER = 5;

/**
 * Baseline held before the burst: the reference the recovery window is compared with, long enough for a
 * stable p95 (tens of thousands of samples at the default rate).
 */
export const SPIKE_STEADY_MS = 5 * 60_000;

/**
 * The burst and the drop climb over this long rather than in a zero-length k6 stage: 10 s is sudden next
 * to caches and pools (minutes), yet gives the executor a defined linear ramp to follow.
 */
export const SPIKE_EDGE_MS = 10_000;

/** The burst is held this long: enough for queues to build and VUs to pile up if the service can't keep up. */
export const SPIKE_BURST_HOLD_MS = 60_000;

/**
 * Back at baseline for this long so the report can see recovery: latency returning to the pre-burst p95,
 * queues draining, heap and event-loop lag settling. Twice the pre-burst window, because slow recovery is
 * the finding this phase exists for.
 */
export const SPIKE_RECOVERY_MS = 10 * 60_000;

/** Spike: warm-up, 5 min at baseline, a 10 s jump to 5× held 1 min, then 10 min back at baseline. */
export function spike(input: PhaseInput): PhaseProfile {
  return buildProfile(input, (baselineRate) => {
    const baseline = wholeRate(baselineRate);
    const burst = wholeRate(baselineRate * SPIKE_MULTIPLIER);
    return {
      executor: 'ramping-arrival-rate',
      startRate: warmUpStartRate(baselineRate),
      segments: [
        warmUpSegment(baselineRate),
        { label: 'steady', durationMs: SPIKE_STEADY_MS, targetRate: baseline },
        { label: 'burst', durationMs: SPIKE_EDGE_MS, targetRate: burst },
        { label: 'burst', durationMs: SPIKE_BURST_HOLD_MS, targetRate: burst },
        { label: 'recovery', durationMs: SPIKE_EDGE_MS, targetRate: baseline },
        { label: 'recovery', durationMs: SPIKE_RECOVERY_MS, targetRate: baseline },
      ],
    };
  });
}
