import { describe, expect, it } from 'vitest';
import type { SummaryData } from '../../../../engine/summary/summary-types.ts';
import { p95Bound, summaryBudgets } from '../../../../reports/analysis/summary-budgets.ts';

function summary(thresholds: Record<string, string[]>): SummaryData {
  const metrics = Object.fromEntries(
    Object.entries(thresholds).map(([key, expressions]) => [
      key,
      { type: 'trend', contains: 'time', values: {}, thresholds: Object.fromEntries(expressions.map((e) => [e, { ok: true }])) },
    ]),
  );
  return { metrics } as unknown as SummaryData;
}

describe('p95Bound', () => {
  it.each([
    { expression: 'p(95)<120', bound: 120 },
    { expression: 'p(95) <= 40.5', bound: 40.5 },
    { expression: 'p(99)<120', bound: undefined },
    { expression: 'avg<120', bound: undefined },
    { expression: 'p(95)>120', bound: undefined },
  ])('reads $expression as $bound', ({ expression, bound }) => {
    expect(p95Bound(expression)).toBe(bound);
  });
});

describe('summaryBudgets', () => {
  it('takes a scenario budget from its own threshold, others from the unscoped http_req_duration', () => {
    const budgetOf = summaryBudgets(
      summary({
        'grpc_req_duration{scenario:inventory}': ['p(95)<40'],
        'http_req_duration{scenario:orders}': ['p(99)<300', 'p(95)<180'],
        http_req_duration: ['p(95)<500'],
      }),
    );
    expect(budgetOf('inventory')).toEqual({ metric: 'grpc_req_duration', budgetP95Ms: 40 });
    expect(budgetOf('orders')).toEqual({ metric: 'http_req_duration', budgetP95Ms: 180 });
    expect(budgetOf('default')).toEqual({ metric: 'http_req_duration', budgetP95Ms: 500 });
  });

  it('analyses http_req_duration without a budget when there is no summary', () => {
    expect(summaryBudgets(undefined)('default')).toEqual({ metric: 'http_req_duration', budgetP95Ms: undefined });
  });
});
