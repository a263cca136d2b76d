import type { RunAnalysis } from '../analysis/run-analysis.ts';
import { renderCharts, type RenderedChart } from '../charts/index.ts';
import type { Block } from './report-block.ts';
import { RENDERERS } from './report-renderers.ts';
import type { ReportContext } from './report-section.ts';
import { SECTIONS } from './report-sections.ts';

/** How a report is built. */
export interface ReportOptions {
  /**
   * Slowest traced requests listed.
   * @default 10
   */
  exemplarLimit?: number;
}

/** A file of the report, its path relative to the report folder. */
export interface ReportFile {
  path: string;
  content: string;
}

/** A report held in memory, ready to be written. */
export interface BuiltReport {
  blocks: Block[];
  charts: RenderedChart[];
  /** report.md, report.html and one `charts/<name>.svg` per rendered chart. */
  files: ReportFile[];
}

/** The blocks of every section of SECTIONS, in order. */
export function reportBlocks(analysis: RunAnalysis, context: ReportContext): Block[] {
  return Object.values(SECTIONS).flatMap((section) => section.render(analysis, context));
}

/** Renders a run's charts and every format of RENDERERS, in memory: nothing is written yet. */
export async function buildReport(analysis: RunAnalysis, options: ReportOptions = {}): Promise<BuiltReport> {
  const charts = await renderCharts(analysis);
  const blocks = reportBlocks(analysis, { charts, exemplarLimit: options.exemplarLimit ?? 10 });
  const files: ReportFile[] = [
    ...Object.values(RENDERERS).map((renderer) => ({ path: renderer.file, content: renderer.render(blocks) })),
    ...charts.flatMap((chart) => (chart.kind === 'rendered' ? [{ path: chart.file, content: chart.svg }] : [])),
  ];
  return { blocks, charts, files };
}
