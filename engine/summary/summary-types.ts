import type { MetricContains, MetricType } from '../metrics/metric-types.ts';

/** Values of one metric in the summary, shaped by its type as in k6's handleSummary data. */
export type SummaryValues =
  | { count: number; rate: number } // counter
  | { value: number; min: number; max: number } // gauge
  | { rate: number; passes: number; fails: number } // rate
  | Record<string, number>; // trend: one key per summaryTrendStats entry

export interface SummaryMetric {
  type: MetricType;
  contains: MetricContains;
  values: SummaryValues;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryCheck {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface SummaryGroup {
  name: string;
  path: string;
  id: string;
  groups: SummaryGroup[];
  checks: SummaryCheck[];
}

/** The data handed to handleSummary(data) and written as summary.json. */
export interface SummaryData {
  root_group: SummaryGroup;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
  setup_data?: unknown;
}
