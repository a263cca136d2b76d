import type { RunAnalysis } from '../analysis/run-analysis.ts';
import { CHARTS, type ChartName } from './charts.ts';
import { renderSvg } from './render-svg.ts';

/** A chart of a run: drawn as SVG, or skipped with the reason the report prints. */
export type RenderedChart =
  | { kind: 'rendered'; name: ChartName; title: string; /** Relative to the report: `charts/<name>.svg`. */ file: string; svg: string }
  | { kind: 'skipped'; name: ChartName; title: string; reason: string };

/** The folder next to report.md that holds the chart files. */
export const CHARTS_DIR = 'charts';

/** Plans and renders every chart of CHARTS for a run, in registry order. */
export async function renderCharts(analysis: RunAnalysis): Promise<RenderedChart[]> {
  const charts: RenderedChart[] = [];
  for (const [name, chart] of Object.entries(CHARTS) as [ChartName, (typeof CHARTS)[ChartName]][]) {
    const plan = chart.plan(analysis);
    switch (plan.kind) {
      case 'spec':
        charts.push({ kind: 'rendered', name, title: chart.title, file: `${CHARTS_DIR}/${name}.svg`, svg: await renderSvg(plan.spec) });
        break;
      case 'skipped':
        charts.push({ kind: 'skipped', name, title: chart.title, reason: plan.reason });
        break;
      default:
        plan satisfies never;
    }
  }
  return charts;
}
