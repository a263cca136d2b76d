import type { ChartDefinition } from './chart-definition.ts';
import { overStages } from './over-stages.ts';
import { timeX } from './time-axis.ts';

/** Active VUs over the run: how many the executors needed to hold the arrival rate. */
export const vusChart: ChartDefinition = {
  name: 'vus',
  title: 'Active VUs',
  plan(analysis) {
    const points = analysis.series.vus;
    if (points.length === 0) return { kind: 'skipped', reason: 'no VUs sampled: the run recorded no vus metric' };
    const line = {
      data: { values: points.map(({ second, vus }) => ({ second, vus })) },
      mark: { type: 'line' as const, strokeWidth: 1.5, interpolate: 'step-after' as const, color: '#31a354' },
      encoding: {
        x: timeX('second', analysis.seconds),
        y: { field: 'vus', type: 'quantitative' as const, title: 'VUs' },
      },
    };
    return overStages(analysis, line);
  },
};
