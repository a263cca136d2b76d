import type { RunAnalysis } from '../analysis/run-analysis.ts';
import type { ChartDefinition } from './chart-definition.ts';
import { CHART_CONFIG, CHART_WIDTH, PANEL_HEIGHT } from './chart-style.ts';
import { stageBandsLayer } from './stage-bands.ts';
import { timeX } from './time-axis.ts';
import { whyNoSaturation } from './why-no-server-samples.ts';

/** The measures the chart stacks, each in its own panel with its own unit. */
const MEASURES = [
  { field: 'cpuPercent', title: 'CPU % of a core' },
  { field: 'heapUsedMiB', title: 'heap used MiB' },
] as const;

function measurePanel(analysis: RunAnalysis, measure: (typeof MEASURES)[number]) {
  const values = analysis.series.saturation.flatMap((point) => {
    const value = point[measure.field];
    return value === undefined ? [] : [{ source: point.source, second: point.second, value }];
  });
  if (values.length === 0) return undefined;
  const line = {
    data: { values },
    mark: { type: 'line' as const, strokeWidth: 1.5 },
    encoding: {
      x: timeX('second', analysis.seconds),
      y: { field: 'value', type: 'quantitative' as const, title: measure.title },
      stroke: { field: 'source', type: 'nominal' as const, title: 'metrics endpoint' },
    },
  };
  return {
    width: CHART_WIDTH,
    height: PANEL_HEIGHT,
    layer: [stageBandsLayer(analysis.run.stages), line].filter((layer) => layer !== undefined),
  };
}

/** The target's CPU and heap in use over the run, per metrics endpoint. */
export const saturationChart: ChartDefinition = {
  name: 'saturation',
  title: 'Target saturation: CPU % and heap in use',
  plan(analysis) {
    const panels = MEASURES.map((measure) => measurePanel(analysis, measure)).filter((panel) => panel !== undefined);
    if (panels.length === 0) return { kind: 'skipped', reason: `no saturation sampled: ${whyNoSaturation(analysis)}` };
    return {
      kind: 'spec',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: CHART_CONFIG,
        vconcat: panels,
        resolve: { scale: { stroke: 'shared', fill: 'shared' } },
      },
    };
  },
};
