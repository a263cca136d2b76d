import type { ChartDefinition } from './chart-definition.ts';
import { overStages } from './over-stages.ts';
import { timeX } from './time-axis.ts';

/** Achieved against target iterations/s per scenario: a solid line per scenario over its dashed target. */
export const rateChart: ChartDefinition = {
  name: 'rate',
  title: 'Achieved vs target rate per scenario (iterations/s)',
  plan(analysis) {
    const points = analysis.series.rate;
    if (points.length === 0) return { kind: 'skipped', reason: 'no rate sampled: the run recorded no iterations' };
    const lines = {
      data: { values: points.map(({ scenario, second, achieved, target }) => ({ scenario, second, achieved, target })) },
      transform: [{ fold: ['achieved', 'target'], as: ['measure', 'rate'] as [string, string] }],
      mark: { type: 'line' as const, strokeWidth: 1.5 },
      encoding: {
        x: timeX('second', analysis.seconds),
        y: { field: 'rate', type: 'quantitative' as const, title: 'iterations/s' },
        stroke: { field: 'scenario', type: 'nominal' as const, title: 'scenario' },
        strokeDash: { field: 'measure', type: 'nominal' as const, title: 'line', scale: { domain: ['achieved', 'target'], range: [[1, 0], [4, 3]] } },
        detail: { field: 'measure' },
      },
    };
    return overStages(analysis, lines);
  },
};
