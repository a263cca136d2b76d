export { AGGREGATIONS_BY_METRIC_TYPE, aggregationKindLabel } from './aggregations-by-metric-type.ts';
export { compare, evaluateThreshold, statNameOf } from './evaluate-threshold.ts';
export { parseThresholdExpression } from './parse-threshold-expression.ts';
export type { Aggregation, AggregationKind, Operator, ThresholdExpression } from './parse-threshold-expression.ts';
export { parseThresholdKey } from './parse-threshold-key.ts';
export type { ThresholdKey } from './parse-threshold-key.ts';
export { parseThresholds } from './parse-thresholds.ts';
export type { ThresholdSet, ThresholdSpec } from './parse-thresholds.ts';
