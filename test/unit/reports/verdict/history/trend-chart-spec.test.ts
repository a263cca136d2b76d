import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../../../../reports/charts/index.ts';
import { trendChartSpec } from '../../../../../reports/verdict/history/index.ts';
import { historyOf } from '../../../../fixtures/reports/history-entry-fixture.ts';

const flat = historyOf(Array.from({ length: 20 }, (_, i) => 100 + (i % 3)));
const stepped = historyOf(Array.from({ length: 20 }, (_, i) => (i < 12 ? 100 : 118) + (i % 3)));

/** Drawn marks in a vega SVG, by mark type. */
function marks(svg: string, type: string): number {
  return (svg.match(new RegExp(`class="mark-${type}[^"]*role-mark`, 'g')) ?? []).length;
}

describe('trendChartSpec', () => {
  it('draws p95 across builds as a line with points that renders to an SVG', async () => {
    const svg = await renderSvg(trendChartSpec(flat, 'Product GET'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Product GET: p95 across builds');
    expect(marks(svg, 'line')).toBe(1);
    expect(svg).toMatch(/<path [^>]*d="M/);
    expect(svg).not.toContain('change point');
  });

  it('marks a significant change point with a rule at the first build after it, labelled with both means', async () => {
    const spec = trendChartSpec(stepped, 'Product GET');
    const svg = await renderSvg(spec);
    expect(marks(svg, 'rule')).toBe(1);
    expect(svg).toMatch(/change point \(p = 0\.0\d\d\): 101\.0 → 118\.9 ms/);
    expect(JSON.stringify(spec)).toContain(`"createdAt":"${stepped[12]!.createdAt}","label"`);
  });

  it('leaves out builds that did not measure the scenario', () => {
    const history = historyOf([100, null, 102]);
    const spec = trendChartSpec(history, 'Product GET') as { layer: { data: { values: { build: string }[] } }[] };
    expect(spec.layer[0]!.data.values.map(({ build }) => build)).toEqual(['run-0', 'run-2']);
  });

  it('draws a history too short for change-point detection without a change point', async () => {
    const svg = await renderSvg(trendChartSpec(historyOf([100, 150]), 'Product GET'));
    expect(marks(svg, 'line')).toBe(1);
    expect(marks(svg, 'rule')).toBe(0);
  });
});
