import type { TopLevelSpec } from 'vega-lite';
import type { RunAnalysis } from '../analysis/run-analysis.ts';

/** What a chart makes of a run: a vega-lite spec, or the reason there is nothing to draw. */
export type ChartPlan = { kind: 'spec'; spec: TopLevelSpec } | { kind: 'skipped'; reason: string };

/** One chart of the report: `charts/<name>.svg`, built from a run's analysis. */
export interface ChartDefinition {
  /** File name without `.svg`, kebab-case. */
  name: string;
  /** Caption in the report and alt text of the image. */
  title: string;
  /** The vega-lite spec for this run, or why it is skipped (a sentence the report prints as is). */
  plan(analysis: RunAnalysis): ChartPlan;
}
