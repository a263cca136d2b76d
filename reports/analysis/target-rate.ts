import type { PhaseStage } from '../../phases/index.ts';

/**
 * Iterations the plan expects in the given stages: the rate moves linearly from `startRate` to `endRate`
 * across each stage, so each contributes its mean rate × its length.
 */
export function expectedIterations(stages: readonly PhaseStage[]): number {
  let total = 0;
  for (const stage of stages) total += ((stage.startRate + stage.endRate) / 2) * ((stage.endMs - stage.startMs) / 1000);
  return total;
}

/** The plan's mean target rate (iterations/s) across the given stages; 0 when they cover no time. */
export function targetRate(stages: readonly PhaseStage[]): number {
  const ms = stages.reduce((sum, stage) => sum + stage.endMs - stage.startMs, 0);
  return ms > 0 ? expectedIterations(stages) / (ms / 1000) : 0;
}
