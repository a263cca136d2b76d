import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from '../../charts/chart-style.ts';
import { detectChangePoint, type ChangePointOptions } from './detect-change-point.ts';
import type { HistoryEntry } from './history-entry.ts';

/** Colour of the change-point rule: the budget's red would read as a breach. */
const CHANGE_POINT_COLOR = '#e67e22';

/**
 * A vega-lite spec of one scenario's p95 across builds, oldest left, with the significant change point
 * (if {@link detectChangePoint} finds one) as a dashed rule at the first build after it, and each side's
 * mean p95 as a flat line. Builds that did not measure the scenario are left out.
 */
export function trendChartSpec(history: readonly HistoryEntry[], scenario: string, options: ChangePointOptions = {}): TopLevelSpec {
  const points = history.flatMap((entry) => {
    const p95 = entry.scenarios.find((each) => each.name === scenario)?.p95;
    return typeof p95 === 'number' ? [{ build: entry.build, createdAt: entry.createdAt, p95 }] : [];
  });
  const change = detectChangePoint(
    points.map(({ p95 }) => p95),
    options,
  );
  const x = { field: 'createdAt', type: 'temporal' as const, title: 'build time (UTC)', axis: { format: '%b %d %H:%M' } };
  const trend = {
    data: { values: points },
    mark: { type: 'line' as const, point: true, strokeWidth: 1.5, color: '#3182bd' },
    encoding: {
      x,
      y: { field: 'p95', type: 'quantitative' as const, title: 'p95 ms' },
      tooltip: [{ field: 'build' }, { field: 'p95', type: 'quantitative' as const }],
    },
  };
  const marked = change?.significant === true ? change : undefined;
  const layers: object[] = [trend];
  if (marked) {
    const first = points[marked.index]!;
    const label = `change point (p = ${marked.pValue.toFixed(3)}): ${marked.meanBefore.toFixed(1)} → ${marked.meanAfter.toFixed(1)} ms`;
    layers.push(
      {
        data: { values: [{ createdAt: first.createdAt, label }] },
        layer: [
          { mark: { type: 'rule' as const, color: CHANGE_POINT_COLOR, strokeDash: [6, 4] }, encoding: { x } },
          {
            mark: { type: 'text' as const, color: CHANGE_POINT_COLOR, align: 'left' as const, dx: 4, y: 8, fontSize: 10 },
            encoding: { x, text: { field: 'label' } },
          },
        ],
      },
      {
        data: {
          values: [
            { createdAt: points[0]!.createdAt, mean: marked.meanBefore, side: 'before' },
            { createdAt: points[marked.index - 1]!.createdAt, mean: marked.meanBefore, side: 'before' },
            { createdAt: first.createdAt, mean: marked.meanAfter, side: 'after' },
            { createdAt: points.at(-1)!.createdAt, mean: marked.meanAfter, side: 'after' },
          ],
        },
        mark: { type: 'line' as const, color: CHANGE_POINT_COLOR, strokeWidth: 1, opacity: 0.7 },
        encoding: { x, y: { field: 'mean', type: 'quantitative' as const }, detail: { field: 'side' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: `${scenario}: p95 across builds`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: layers,
  } as TopLevelSpec;
}
