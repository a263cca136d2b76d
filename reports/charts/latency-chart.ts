import type { RunAnalysis } from '../analysis/run-analysis.ts';
import type { ChartDefinition } from './chart-definition.ts';
import { BUDGET_COLOR, CHART_CONFIG, CHART_WIDTH, PANEL_HEIGHT } from './chart-style.ts';
import { stageBandsLayer } from './stage-bands.ts';
import { timeX } from './time-axis.ts';

const PERCENTILES = ['p50', 'p95', 'p99'];

/** One panel per scenario: its p50/p95/p99 lines over the stage bands, its p95 budget as a dashed rule. */
function scenarioPanel(analysis: RunAnalysis, scenario: RunAnalysis['scenarios'][number]) {
  const points = analysis.series.latency.filter((point) => point.scenario === scenario.name);
  const bands = stageBandsLayer(analysis.run.stages);
  const lines = {
    data: { values: points.map(({ second, p50, p95, p99 }) => ({ second, p50, p95, p99 })) },
    transform: [{ fold: PERCENTILES, as: ['percentile', 'ms'] as [string, string] }],
    mark: { type: 'line' as const, strokeWidth: 1.5, interpolate: 'monotone' as const },
    encoding: {
      x: timeX('second', analysis.seconds),
      y: { field: 'ms', type: 'quantitative' as const, title: 'ms' },
      stroke: {
        field: 'percentile',
        type: 'nominal' as const,
        title: 'percentile',
        scale: { domain: PERCENTILES, range: ['#9ecae1', '#3182bd', '#08306b'] },
      },
    },
  };
  const budget =
    scenario.budgetP95Ms === undefined
      ? undefined
      : {
          data: { values: [{ budget: scenario.budgetP95Ms, label: `p95 budget ${scenario.budgetP95Ms} ms` }] },
          layer: [
            { mark: { type: 'rule' as const, color: BUDGET_COLOR, strokeDash: [6, 4] }, encoding: { y: { field: 'budget', type: 'quantitative' as const } } },
            {
              mark: { type: 'text' as const, color: BUDGET_COLOR, align: 'right' as const, dy: -6, fontSize: 10, x: 'width' as const },
              encoding: { y: { field: 'budget', type: 'quantitative' as const }, text: { field: 'label' } },
            },
          ],
        };
  return {
    title: `${scenario.name}: ${scenario.metric}`,
    width: CHART_WIDTH,
    height: PANEL_HEIGHT,
    layer: [bands, lines, budget].filter((layer) => layer !== undefined),
  };
}

/** Latency p50/p95/p99 over time, one panel per scenario, with stage bands and the p95 budget. */
export const latencyChart: ChartDefinition = {
  name: 'latency',
  title: 'Latency p50/p95/p99 per scenario, with stages and the p95 budget',
  plan(analysis) {
    const scenarios = analysis.scenarios.filter((scenario) => analysis.series.latency.some((point) => point.scenario === scenario.name));
    if (scenarios.length === 0) return { kind: 'skipped', reason: 'no latency sampled: no scenario recorded its budget metric' };
    return {
      kind: 'spec',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: CHART_CONFIG,
        vconcat: scenarios.map((scenario) => scenarioPanel(analysis, scenario)),
        resolve: { scale: { stroke: 'shared', fill: 'shared' } },
      },
    };
  },
};
