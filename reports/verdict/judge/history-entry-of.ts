import type { HistoryEntry } from '../history/index.ts';
import { errorCountsOf, sumErrorCounts } from './error-counts.ts';
import { median } from '../statistics/index.ts';
import { scenarioNames, scenarioOf, type JudgedRun } from './judged-run.ts';

/**
 * This build's history entry: each scenario's whole-run p50/p95/p99 (the medians over --repeat runs),
 * its samples (the fewest of the runs) and its error rate (all runs' counts together).
 */
export function historyEntryOf(runs: readonly JudgedRun[], build: string, createdAt: Date): HistoryEntry {
  const first = runs[0]!.doc;
  return {
    schemaVersion: 1,
    build,
    createdAt: createdAt.toISOString(),
    commit: /^[0-9a-f]{7,40}$/.test(first.provenance.gitCommit) ? first.provenance.gitCommit : null,
    phase: first.phase,
    scenarios: scenarioNames(runs).map((name) => {
      const latencies = runs.map((run) => scenarioOf(run.doc, name)?.whole.latency ?? null);
      const pick = (field: 'p50' | 'p95' | 'p99') => median(latencies.flatMap((latency) => (latency ? [latency[field]] : []))) ?? null;
      const errors = sumErrorCounts(runs.flatMap((run) => {
        const each = scenarioOf(run.doc, name);
        return each ? [errorCountsOf(each.whole)] : [];
      }));
      return {
        name,
        p50: pick('p50'),
        p95: pick('p95'),
        p99: pick('p99'),
        count: Math.min(...latencies.map((latency) => latency?.count ?? 0)),
        errorRate: errors && errors.total > 0 ? errors.errors / errors.total : 0,
      };
    }),
  };
}
