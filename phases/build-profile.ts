import { formatDuration } from './format-duration.ts';
import type { ArrivalRateScenario, PhaseInput, PhaseProfile, PhaseShape, PhaseStage } from './phase-types.ts';
import { sizeVus } from './size-vus.ts';
import { validatePhaseInput } from './validate-phase-input.ts';

/**
 * Shortest a k6 stage may become after time scaling. Below a second the executor has less than one
 * arrival to play at low rates, and the per-second timeline would have no bucket for the stage.
 */
export const MIN_STAGE_MS = 1_000;

/** A phase duration (docs/runbook.md §9) scaled by timeScale, in whole ms, never below MIN_STAGE_MS. */
export function scaleDuration(ms: number, timeScale: number): number {
  return Math.max(MIN_STAGE_MS, Math.round(ms * timeScale));
}

/**
 * Turns a phase's shape into a profile: checks the input, scales each segment, labels the windows (merging
 * neighbouring segments with the same label), sizes VUs for the peak rate and writes the k6 scenario.
 *
 * @param shapeFor the phase's shape for a (checked) baseline rate.
 */
export function buildProfile(input: PhaseInput, shapeFor: (baselineRate: number) => PhaseShape): PhaseProfile {
  const checked = validatePhaseInput(input);
  const shape = shapeFor(checked.baselineRate);

  const stages: PhaseStage[] = [];
  const rateStages: { duration: string; target: number }[] = [];
  let offsetMs = 0;
  let rate = shape.startRate;
  for (const segment of shape.segments) {
    const durationMs = scaleDuration(segment.durationMs, checked.timeScale);
    const last = stages.at(-1);
    if (last !== undefined && last.label === segment.label) {
      last.endMs = offsetMs + durationMs;
      last.endRate = segment.targetRate;
    } else {
      stages.push({
        label: segment.label,
        startMs: offsetMs,
        endMs: offsetMs + durationMs,
        startRate: rate,
        endRate: segment.targetRate,
      });
    }
    rateStages.push({ duration: formatDuration(durationMs), target: segment.targetRate });
    offsetMs += durationMs;
    rate = segment.targetRate;
  }

  const peakRate = Math.max(shape.startRate, ...shape.segments.map((segment) => segment.targetRate));
  const { preAllocatedVUs, maxVUs } = sizeVus(peakRate, checked.budgetMs, checked.headroom);
  const exec = checked.exec === undefined ? {} : { exec: checked.exec };

  let scenario: ArrivalRateScenario;
  switch (shape.executor) {
    case 'constant-arrival-rate':
      if (shape.segments.some((segment) => segment.targetRate !== shape.startRate)) {
        throw new Error('a constant-arrival-rate phase must keep one rate in every segment');
      }
      scenario = {
        executor: 'constant-arrival-rate',
        rate: shape.startRate,
        timeUnit: '1s',
        duration: formatDuration(offsetMs),
        preAllocatedVUs,
        maxVUs,
        ...exec,
      };
      break;
    case 'ramping-arrival-rate':
      scenario = {
        executor: 'ramping-arrival-rate',
        startRate: shape.startRate,
        timeUnit: '1s',
        stages: rateStages,
        preAllocatedVUs,
        maxVUs,
        ...exec,
      };
      break;
    default:
      throw new Error(`unknown executor ${String(shape.executor satisfies never)}`);
  }

  return { scenario, stages, totalMs: offsetMs, peakRate };
}
