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

/**
 * The plan's mean target rate (iterations/s) between two offsets from the run's start, in ms: each
 * stage's rate moves linearly from `startRate` to `endRate`, and times outside every stage count as 0.
 * 0 for an empty window.
 */
export function targetRateBetween(stages: readonly PhaseStage[], fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  let iterations = 0;
  for (const stage of stages) {
    const start = Math.max(stage.startMs, fromMs);
    const end = Math.min(stage.endMs, toMs);
    if (end <= start) continue;
    const rateAt = (ms: number) => stage.startRate + ((stage.endRate - stage.startRate) * (ms - stage.startMs)) / (stage.endMs - stage.startMs);
    iterations += ((rateAt(start) + rateAt(end)) / 2) * ((end - start) / 1000);
  }
  return iterations / ((toMs - fromMs) / 1000);
}
