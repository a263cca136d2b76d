import type { StageLabel } from '../../phases/index.ts';
import type { RunFacts } from '../analysis/run-analysis.ts';

/** Pale fills per stage label, in plan order, so bands sit behind the lines without competing with them. */
const STAGE_FILLS: Record<StageLabel, string> = {
  'warm-up': '#d9d9d9',
  ramp: '#c6dbef',
  steady: '#c7e9c0',
  burst: '#fdd0a2',
  recovery: '#dadaeb',
};

/**
 * The stage bands layer of a chart: one rectangle per stage window spanning the plot's height, filled by
 * stage label (the `fill` channel, so it keeps its own legend apart from the lines' `stroke`). Undefined
 * when the run has no stages (stock k6 output).
 */
export function stageBandsLayer(stages: RunFacts['stages']) {
  if (stages.length === 0) return undefined;
  const labels = [...new Set(stages.map((stage) => stage.label))];
  return {
    data: { values: stages.map((stage) => ({ stage: stage.label, startS: stage.startS, endS: stage.endS })) },
    mark: { type: 'rect' as const, opacity: 0.45 },
    encoding: {
      x: { field: 'startS', type: 'quantitative' as const },
      x2: { field: 'endS' },
      fill: {
        field: 'stage',
        type: 'nominal' as const,
        title: 'stage',
        scale: { domain: labels, range: labels.map((label) => STAGE_FILLS[label]) },
      },
    },
  };
}
