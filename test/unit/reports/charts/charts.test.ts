import { describe, expect, it } from 'vitest';
import { CHARTS, renderCharts, renderSvg, type ChartName } from '../../../../reports/charts/index.ts';
import { asStockK6, loadRunAnalysis } from '../../../fixtures/reports/load-run-analysis.ts';

const spike = loadRunAnalysis('run-analysis');
const names = Object.keys(CHARTS) as ChartName[];

/** A spec with each inline data set cut to its first row and a count, so the snapshot shows the encoding. */
function withDataSummarised(spec: unknown): unknown {
  return JSON.parse(
    JSON.stringify(spec, (key, value: unknown) =>
      key === 'values' && Array.isArray(value) && value.length > 1 ? [value[0], `…and ${value.length - 1} more rows`] : value,
    ),
  );
}

/** Drawn marks in a vega SVG: every mark group carries `role-mark` and draws paths (lines, rects) or text. */
function markCount(svg: string): number {
  return (svg.match(/class="mark-(line|rect|rule|text|area)[^"]*role-mark/g) ?? []).length;
}

describe('CHARTS', () => {
  it.each(names)('plans the %s chart of a spike run as a vega-lite spec that renders to an SVG with marks', async (name) => {
    const plan = CHARTS[name].plan(spike);
    expect(plan.kind).toBe('spec');
    if (plan.kind !== 'spec') return;
    const svg = await renderSvg(plan.spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(markCount(svg)).toBeGreaterThan(0);
    expect(svg).toMatch(/<path [^>]*d="M/);
  });

  it('draws latency as one panel per scenario with stage bands and a budget rule', async () => {
    const plan = CHARTS.latency.plan(spike);
    if (plan.kind !== 'spec') throw new Error('expected a spec');
    await expect(JSON.stringify(withDataSummarised(plan.spec), null, 2) + '\n').toMatchFileSnapshot('__snapshots__/latency-spec.json');
    const svg = await renderSvg(plan.spec);
    for (const scenario of spike.scenarios) expect(svg).toContain(`${scenario.name}: ${scenario.metric}`);
    expect(svg).toContain('p95 budget 120 ms');
    expect(svg).toMatch(/mark-rect role-mark/);
    expect(svg).toMatch(/mark-rule role-mark/);
  });

  it('skips Kafka lag and saturation of a run without server samples and says why', () => {
    const quiet = { ...spike, samplerErrors: [], series: { ...spike.series, kafkaLag: [], saturation: [] } };
    expect(CHARTS['kafka-lag'].plan(quiet)).toEqual({
      kind: 'skipped',
      reason: 'no Kafka lag sampled: no consumer groups configured (config kafka.consumerGroups), or no scenario of the run used Kafka',
    });
    expect(CHARTS.saturation.plan(quiet)).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/^no saturation sampled: no metrics endpoint configured/) });
  });

  it('blames the failing sampler when the lag could not be read', () => {
    const failed = { ...spike, series: { ...spike.series, kafkaLag: [] } };
    expect(CHARTS['kafka-lag'].plan(failed)).toMatchObject({ reason: 'no Kafka lag sampled: reading the consumer lag failed (see Sampler errors)' });
  });

  it('draws stock k6 output without stage bands and skips what k6 does not record', async () => {
    const charts = await renderCharts(asStockK6(spike));
    expect(charts.map((chart) => [chart.name, chart.kind])).toEqual([
      ['latency', 'rendered'],
      ['rate', 'rendered'],
      ['errors', 'rendered'],
      ['vus', 'rendered'],
      ['saturation', 'skipped'],
      ['kafka-lag', 'skipped'],
    ]);
    const latency = charts[0]!;
    expect(latency.kind === 'rendered' && latency.svg).not.toMatch(/mark-rect role-mark/);
  });

  it('skips a chart whose series is empty instead of drawing empty axes', () => {
    const empty = { ...spike, series: { ...spike.series, latency: [], vus: [] } };
    expect(CHARTS.latency.plan(empty).kind).toBe('skipped');
    expect(CHARTS.vus.plan(empty).kind).toBe('skipped');
  });

  it('leaves markup in scenario, group and endpoint names as text in the SVG', async () => {
    const charts = await renderCharts(loadRunAnalysis('hostile-run-analysis'));
    const svgs = charts.flatMap((chart) => (chart.kind === 'rendered' ? [chart.svg] : []));
    expect(svgs).toHaveLength(names.length);
    for (const svg of svgs) expect(svg).not.toContain('<script');
    expect(svgs.join('')).toContain('&lt;script&gt;');
  });
});
