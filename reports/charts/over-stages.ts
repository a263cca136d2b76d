import type { TopLevelSpec } from 'vega-lite';
import type { RunAnalysis } from '../analysis/run-analysis.ts';
import type { ChartPlan } from './chart-definition.ts';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from './chart-style.ts';
import { stageBandsLayer } from './stage-bands.ts';

/** The single-panel chart most report charts are: their layers drawn over the run's stage bands. */
export function overStages(analysis: RunAnalysis, ...layers: object[]): ChartPlan {
  const bands = stageBandsLayer(analysis.run.stages);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: bands ? [bands, ...layers] : layers,
  };
  return { kind: 'spec', spec: spec as TopLevelSpec };
}
