import type { MetricStore } from '../metrics/metric-store.ts';
import { evaluateThreshold, statNameOf, type ThresholdSet } from '../thresholds/index.ts';

/** Per metric or sub-metric key: each threshold expression and whether it holds. */
export type ThresholdResults = Map<string, Map<string, boolean>>;

export interface ThresholdVerdict {
  results: ThresholdResults;
  failed: boolean;
  /** Failed thresholds with abortOnFail whose delayAbortEval has passed: they stop the run. */
  abortingFailures: string[];
}

/** Evaluates every threshold against the run's totals so far. */
export function evaluateThresholds(sets: ThresholdSet[], store: MetricStore, durationMs: number): ThresholdVerdict {
  const results: ThresholdResults = new Map();
  const abortingFailures: string[] = [];
  let failed = false;
  for (const set of sets) {
    const aggregate = store.get(set.key);
    const perSource = results.get(set.key) ?? new Map<string, boolean>();
    results.set(set.key, perSource);
    for (const spec of set.specs) {
      const ok = evaluateThreshold(spec, (aggregation) => aggregate?.stat(statNameOf(aggregation), durationMs));
      perSource.set(spec.source, ok);
      if (ok) continue;
      failed = true;
      if (spec.abortOnFail && durationMs >= spec.delayAbortEvalMs) abortingFailures.push(`${set.key}: ${spec.source}`);
    }
  }
  return { results, failed, abortingFailures };
}
