import { basename } from 'node:path';
import { DEFAULT_CONFIG } from '../../lib/config.ts';
import { readK6Json } from '../sources/read-k6-json.ts';
import { readK6Summary } from '../sources/read-k6-summary.ts';
import { CachingCheck } from './caching-check.ts';
import { HISTOGRAM_WINDOW_S } from './histogram-windows.ts';
import type { RunAnalysis } from './run-analysis.ts';
import { k6RunFacts } from './run-facts.ts';
import { SeriesFold } from './run-series.ts';
import { ScenarioFold } from './scenario-fold.ts';
import { summaryBudgets } from './summary-budgets.ts';
import { TimelineFold } from './timeline-fold.ts';

/** Stock k6 output to analyse. */
export interface K6OutputInput {
  /** k6 `--out json` lines, plain or gzipped. */
  jsonFile: string;
  /** handleSummary JSON of the same run; its thresholds name budget metrics and p95 budgets. */
  summaryFile?: string;
}

/** The phase a stock k6 analysis reports: there is no loadbook phase behind it. */
export const K6_PHASE = 'k6';

/**
 * Analyses stock k6 output with the same folds as a loadbook run folder. Without a plan:
 * - scenarios are the `scenario` tag values whose budget metric has samples, in order of appearance;
 * - stages come from a `stage` tag, else every sample is `steady`; there is no target rate (0);
 * - the run's length is unknown upfront, so series buckets start at 1 s and histogram windows at 5 s, and
 *   double (neighbours merged, never percentiles averaged) whenever a line would exceed its maximum:
 *   widths are 1 s × 2^k and 5 s × 2^k, and memory stays bounded however long the file;
 * - the caching check counts `cache_hit` of every scenario after the default warm-up (10 min, time scale 1).
 *
 * @throws K6InputError naming the file (and line) when either input is malformed.
 */
export async function analyzeK6Output({ jsonFile, summaryFile }: K6OutputInput): Promise<RunAnalysis> {
  const budgetOf = summaryBudgets(summaryFile === undefined ? undefined : await readK6Summary(summaryFile));
  const settings = DEFAULT_CONFIG.reports;
  const series = new SeriesFold(1);
  const caching = new CachingCheck({ warmupS: settings.cacheWarmupS, target: settings.cacheHitTarget, topN: settings.topN, scenario: undefined });
  const timeline = new TimelineFold({
    scenarioFor(name) {
      const { metric, budgetP95Ms } = budgetOf(name);
      return new ScenarioFold({ name, metric, budgetP95Ms, stages: [], plannedRate: [], totalMs: undefined, windowS: HISTOGRAM_WINDOW_S });
    },
    series,
    caching,
  });
  for await (const line of readK6Json(jsonFile)) timeline.add(line);
  timeline.finish();

  const { seconds, startedAt } = timeline;
  const folds = timeline.scenarioFolds().filter((fold) => fold.whole.latency.count > 0);
  return {
    run: k6RunFacts(basename(jsonFile), new Date(startedAt).toISOString()),
    phase: K6_PHASE,
    startedAt,
    seconds,
    scenarios: folds.map((fold) => fold.result(seconds)),
    saturation: [],
    kafkaLag: [],
    samplerErrors: [],
    caching: caching.result(),
    heapTrend: undefined,
    exemplars: [],
    series: series.result(seconds, new Set(folds.map((fold) => fold.spec.name))),
  };
}
