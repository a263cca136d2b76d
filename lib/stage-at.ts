import type { PhaseStage, StageLabel } from '../phases/index.ts';

/**
 * The label of the stage covering `elapsedMs` since the scenario started. Before the first stage it is the
 * first label (clock skew between workers); from the end on it is the last (gracefulStop stragglers
 * belong to the stage they ran in).
 */
export function stageAt(stages: readonly PhaseStage[], elapsedMs: number): StageLabel {
  const first = stages[0];
  if (first === undefined) throw new Error('invalid stages; expected at least one stage, got []');
  for (const stage of stages) {
    if (elapsedMs < stage.endMs) return stage.label;
  }
  return stages[stages.length - 1]!.label;
}
