import type { ScenarioAnalysis } from '../analysis/run-analysis.ts';
import type { GoldenSignals } from '../analysis/signals-accumulator.ts';
import { formatMs, formatNumber, formatPercent } from '../render/format.ts';
import { right, type RichText, type TableColumn } from './report-block.ts';

/** The golden-signal columns the whole-run and per-stage tables share. */
export const SIGNAL_COLUMNS: readonly TableColumn[] = [
  right('p50 ms'),
  right('p95 ms'),
  right('p99 ms'),
  right('max ms'),
  right('p95 budget'),
  right('HTTP errors'),
  right('failed checks'),
  right('throughput'),
  right('achieved / target'),
  right('dropped'),
];

/** The p95 against the budget: ✅ under it, ❌ at or over it (k6's `p(95)<budget` failed), `—` without one. */
export function budgetCell(p95: number | undefined, budgetMs: number | undefined): string {
  if (budgetMs === undefined) return '—';
  if (p95 === undefined) return `${formatNumber(budgetMs)} (no samples)`;
  return p95 < budgetMs ? `✅ under ${formatNumber(budgetMs)}` : `❌ over ${formatNumber(budgetMs)}`;
}

/** A failure rate with its count: `3.10% (27)`; `—` when nothing was counted. */
export function rateWithCount(rate: number | undefined, count: number): string {
  return rate === undefined ? '—' : `${formatPercent(rate)} (${formatNumber(count, 0)})`;
}

/**
 * Requests per second for an HTTP budget metric; otherwise samples of the budget metric per second (gRPC
 * calls, broadcasts received, events published), which is what the scenario's budget counts.
 */
export function throughputCell(signals: GoldenSignals, metric: string): string {
  if (metric.startsWith('http_')) return `${formatNumber(signals.traffic.requestsPerS)} req/s`;
  return `${formatNumber(signals.traffic.eventsPerS)} events/s`;
}

/** Iterations/s achieved against the plan's target: `71.8/s of 72.3/s (99.3%)`; stock k6 output has no target. */
export function achievedCell(signals: GoldenSignals): string {
  const { iterationsPerS, targetRate, achievedRatio } = signals.traffic;
  if (targetRate === 0) return `${formatNumber(iterationsPerS)}/s (no target)`;
  const ratio = achievedRatio === undefined ? '' : ` (${formatPercent(achievedRatio, 1)})`;
  return `${formatNumber(iterationsPerS)}/s of ${formatNumber(targetRate)}/s${ratio}`;
}

/** The SIGNAL_COLUMNS cells of one window of a scenario. */
export function signalCells(scenario: Pick<ScenarioAnalysis, 'metric' | 'budgetP95Ms'>, signals: GoldenSignals): RichText[] {
  const { latency, errors, traffic } = signals;
  return [
    formatMs(latency?.p50),
    formatMs(latency?.p95),
    formatMs(latency?.p99),
    formatMs(latency?.max),
    budgetCell(latency?.p95, scenario.budgetP95Ms),
    rateWithCount(errors.httpFailedRate, errors.httpFailed),
    rateWithCount(errors.checksFailedRate, errors.checksFailed),
    throughputCell(signals, scenario.metric),
    achievedCell(signals),
    formatNumber(traffic.droppedIterations, 0),
  ];
}
