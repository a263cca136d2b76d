/**
 * The analysis layer's public entry: renderers (report, baseline, verdict) import from here.
 */
export { analyzeRun, CACHING_SCENARIO } from './analyze-run.ts';
export { analyzeK6Output, K6_PHASE } from './analyze-k6-output.ts';
export type { K6OutputInput } from './analyze-k6-output.ts';
export { describePartial, MAX_HISTOGRAM_WINDOWS, MAX_SERIES_POINTS } from './run-analysis.ts';
export type {
  CacheKeyBucket,
  CachingAnalysis,
  HeapTrend,
  KafkaLagAnalysis,
  PartialRun,
  RecoveryAnalysis,
  RunAnalysis,
  RunFacts,
  RunSeries,
  SampledStat,
  SamplerErrorSummary,
  SaturationAnalysis,
  SaturationWindow,
  ScenarioAnalysis,
  ScenarioHistograms,
  StageAnalysis,
} from './run-analysis.ts';
export type { ErrorSignals, GoldenSignals, TrafficSignals } from './signals-accumulator.ts';
export { paceScenarioOf } from './pace-routing.ts';
export { percentilesOver } from './percentiles-over.ts';
export type { LatencyStats, SeriesSelector, TimeWindow } from './percentiles-over.ts';
export { stripCredentials } from './run-facts.ts';
export type { Exemplar } from '../../engine/output/exemplar.ts';
