import type { ScenarioConfig } from '../executors/executor-types.ts';
import type { Tags } from '../metrics/metric-types.ts';
import type { ThresholdSet } from '../thresholds/index.ts';

/** k6's default summaryTrendStats. */
export const DEFAULT_SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

/** The test's options after flags, the script and k6's defaults were combined and validated. */
export interface TestOptions {
  scenarios: ScenarioConfig[];
  thresholds: ThresholdSet[];
  summaryTrendStats: string[];
  summaryTimeUnit: string;
  /** Global tags (`options.tags` and `--tag`), on every sample. */
  tags: Tags;
  setupTimeoutMs: number;
  teardownTimeoutMs: number;
  /** The merged options object, as `exec.test.options` shows it. */
  raw: Record<string, unknown>;
}

/** Options given on the command line or to the API; they win over the script's `options`. */
export interface OptionOverrides {
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: { duration: string; target: number }[];
  /** Whole scenarios: a plan passes the ones it resolved. */
  scenarios?: Record<string, Record<string, unknown>>;
  thresholds?: Record<string, unknown>;
  summaryTrendStats?: string[];
  tags?: Tags;
}
