import type { RunAnalysis } from '../analysis/run-analysis.ts';
import type { RenderedChart } from '../charts/index.ts';
import type { Block } from './report-block.ts';

/** What a section reads besides the analysis. */
export interface ReportContext {
  /** Every chart of CHARTS, rendered or skipped. */
  charts: readonly RenderedChart[];
  /** How many of the slowest traced requests to list (the run config's `reports.topN`). */
  exemplarLimit: number;
}

/**
 * One section of the report. It returns no blocks when it has nothing to say about the run; a section whose
 * subject a reader would expect says why it is empty instead.
 */
export interface ReportSection {
  render(analysis: RunAnalysis, context: ReportContext): Block[];
}
