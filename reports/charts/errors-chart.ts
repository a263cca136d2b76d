import type { ChartDefinition } from './chart-definition.ts';
import { overStages } from './over-stages.ts';
import { timeX } from './time-axis.ts';

const MEASURES = { httpFailed: 'HTTP failed', checksFailed: 'failed checks' } as const;

/** Failed HTTP requests and failed checks per scenario and time bucket. */
export const errorsChart: ChartDefinition = {
  name: 'errors',
  title: 'Errors per scenario: failed HTTP requests and failed checks',
  plan(analysis) {
    const points = analysis.series.errors;
    if (points.length === 0) return { kind: 'skipped', reason: 'no errors sampled: the run recorded no requests or checks' };
    const values = points.flatMap(({ scenario, second, httpFailed, checksFailed }) => [
      { scenario, second, measure: MEASURES.httpFailed, count: httpFailed },
      { scenario, second, measure: MEASURES.checksFailed, count: checksFailed },
    ]);
    const lines = {
      data: { values },
      mark: { type: 'line' as const, strokeWidth: 1.5 },
      encoding: {
        x: timeX('second', analysis.seconds),
        y: { field: 'count', type: 'quantitative' as const, title: `per ${analysis.series.bucketS} s` },
        stroke: { field: 'scenario', type: 'nominal' as const, title: 'scenario' },
        strokeDash: {
          field: 'measure',
          type: 'nominal' as const,
          title: 'errors',
          scale: { domain: Object.values(MEASURES), range: [[1, 0], [4, 3]] },
        },
        detail: { field: 'measure' },
      },
    };
    return overStages(analysis, lines);
  },
};
