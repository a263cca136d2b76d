export type { ChartDefinition, ChartPlan } from './chart-definition.ts';
export { CHARTS, type ChartName } from './charts.ts';
export { CHARTS_DIR, renderCharts, type RenderedChart } from './render-charts.ts';
export { renderSvg } from './render-svg.ts';
export { whyNoKafkaLag, whyNoSaturation } from './why-no-server-samples.ts';
