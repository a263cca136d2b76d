import { describe, expect, it } from 'vitest';
import { budgetMetrics } from '../../../../reports/analysis/budget-metrics.ts';

describe('budgetMetrics', () => {
  it('maps each scenario to the metric of its percentile threshold, skipping checks and unscoped keys', () => {
    const metrics = budgetMetrics({
      'http_req_duration{scenario:product-get}': ['p(95)<120'],
      'checks{scenario:product-get}': ['rate>0.99'],
      'grpc_req_duration{scenario:inventory-grpc}': [{ threshold: 'p(95)<40', abortOnFail: true }],
      'ws_broadcast_latency{scenario:ws-broadcast}': ['p(95)<150'],
      'kafka_publish_latency{scenario:kafka-publish}': ['p(95)<50'],
      http_req_duration: ['p(99)<1000'],
    });
    expect(Object.fromEntries(metrics)).toEqual({
      'product-get': 'http_req_duration',
      'inventory-grpc': 'grpc_req_duration',
      'ws-broadcast': 'ws_broadcast_latency',
      'kafka-publish': 'kafka_publish_latency',
    });
  });

  it('is empty without thresholds', () => {
    expect(budgetMetrics(undefined).size).toBe(0);
  });
});
