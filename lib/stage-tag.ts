import exec from 'k6/execution';
import type { PhaseStage, StageLabel } from '../phases/index.ts';
import { stageAt } from './stage-at.ts';

/**
 * Call first thing in every iteration: sets the VU's `stage` tag to the current stage label, so every
 * metric the iteration emits (http_req_*, checks, custom metrics) carries it and analysis can fold per
 * stage, e.g. leave out warm-up. Elapsed time is measured from `exec.scenario.startTime`.
 *
 * @returns the label now set.
 */
export function tagStage(stages: readonly PhaseStage[]): StageLabel {
  const label = stageAt(stages, Date.now() - exec.scenario.startTime);
  exec.vu.metrics.tags.stage = label;
  return label;
}
