import type { SummaryData } from '../../engine/summary/summary-types.ts';
import { budgetMetrics } from './budget-metrics.ts';

/** The metric a scenario is analysed on, and its p95 budget when a threshold states one. */
export interface K6Budget {
  metric: string;
  budgetP95Ms: number | undefined;
}

/** What stock k6 output analyses on when no threshold names a scenario's metric. */
export const DEFAULT_K6_METRIC = 'http_req_duration';

/** The bound of a `p(95)<N` (or `<=`) threshold expression, or undefined for any other expression. */
export function p95Bound(expression: string): number | undefined {
  const match = /^\s*p\(95\)\s*<=?\s*(\d+(?:\.\d+)?)\s*$/.exec(expression);
  return match ? Number(match[1]) : undefined;
}

/**
 * Budgets from the thresholds of a handleSummary JSON: a key `<metric>{scenario:<name>}` with a
 * percentile expression makes `<metric>` that scenario's budget metric, and its `p(95)<N` is the budget.
 * Any other scenario gets `http_req_duration`, with the bound of an unscoped `http_req_duration`
 * `p(95)<N` threshold as budget when there is one (it held for every request, so for each scenario's).
 *
 * @returns the budget of a scenario by its name.
 */
export function summaryBudgets(summary: SummaryData | undefined): (scenario: string) => K6Budget {
  const thresholds: Record<string, string[]> = {};
  for (const [key, metric] of Object.entries(summary?.metrics ?? {})) thresholds[key] = Object.keys(metric.thresholds ?? {});
  const metrics = budgetMetrics(thresholds);
  const bound = (key: string) => thresholds[key]?.map(p95Bound).find((value) => value !== undefined);
  const fallback: K6Budget = { metric: DEFAULT_K6_METRIC, budgetP95Ms: bound(DEFAULT_K6_METRIC) };
  return (scenario) => {
    const metric = metrics.get(scenario);
    return metric === undefined ? fallback : { metric, budgetP95Ms: bound(`${metric}{scenario:${scenario}}`) };
  };
}
