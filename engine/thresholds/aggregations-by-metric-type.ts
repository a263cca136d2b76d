import type { MetricType } from '../metrics/metric-types.ts';
import type { AggregationKind } from './parse-threshold-expression.ts';

/** Which aggregations a threshold may use on each metric type (k6 docs, "Aggregation methods by type"). */
export const AGGREGATIONS_BY_METRIC_TYPE: Readonly<Record<MetricType, readonly AggregationKind[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'percentile'],
};

/** How an aggregation kind is written in an expression: `percentile` is written `p(N)`. */
export function aggregationKindLabel(kind: AggregationKind): string {
  return kind === 'percentile' ? 'p(N)' : kind;
}
