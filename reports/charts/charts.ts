import type { ChartDefinition } from './chart-definition.ts';
import { errorsChart } from './errors-chart.ts';
import { kafkaLagChart } from './kafka-lag-chart.ts';
import { latencyChart } from './latency-chart.ts';
import { rateChart } from './rate-chart.ts';
import { saturationChart } from './saturation-chart.ts';
import { vusChart } from './vus-chart.ts';

/** Every chart of the report, in the order the report shows them. */
export const CHARTS = {
  latency: latencyChart,
  rate: rateChart,
  errors: errorsChart,
  vus: vusChart,
  saturation: saturationChart,
  'kafka-lag': kafkaLagChart,
} as const satisfies Record<string, ChartDefinition>;

/** A chart's key in CHARTS, which is also its file name: `charts/<name>.svg`. */
export type ChartName = keyof typeof CHARTS;
