import type { Aggregation, Operator, ThresholdExpression } from './parse-threshold-expression.ts';

/**
 * The key k6's summary uses for an aggregation's value: `avg`, `med`, `count`, `rate`, `value`, or `p(95)`,
 * `p(99.9)` for percentiles (the shortest form of the number, so `p(99.90)` is looked up as `p(99.9)`).
 */
export function statNameOf(aggregation: Aggregation): string {
  switch (aggregation.kind) {
    case 'avg':
    case 'min':
    case 'max':
    case 'med':
    case 'count':
    case 'rate':
    case 'value':
      return aggregation.kind;
    case 'percentile':
      return `p(${String(aggregation.p)})`;
    default:
      return aggregation satisfies never;
  }
}

/**
 * Whether a threshold holds, given a function that reads the aggregated statistics of its metric.
 *
 * `stat` returns undefined when the metric (or sub-metric) has received no samples. Such a threshold passes:
 * k6 reports thresholds over metrics without samples as ok rather than failing the run. In k6 issue
 * grafana/k6#4283 a `checks` threshold `rate>=0.9` with 0 passes and 0 fails is reported `{ ok: true }`, and
 * the fix proposed for it (grafana/k6#4787) was still unmerged. A run that must prove it measured something
 * should add a threshold that fails on absence, e.g. `count>0` on a counter, whose count the engine reports
 * as 0 rather than undefined.
 */
export function evaluateThreshold(
  spec: Pick<ThresholdExpression, 'aggregation' | 'operator' | 'value'>,
  stat: (aggregation: Aggregation) => number | undefined,
): boolean {
  const actual = stat(spec.aggregation);
  if (actual === undefined) return true;
  return compare(actual, spec.operator, spec.value);
}

/** `actual operator expected`; `==` and `===` are the same test on numbers. NaN fails every test but `!=`. */
export function compare(actual: number, operator: Operator, expected: number): boolean {
  switch (operator) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
    case '===':
      return actual === expected;
    case '!=':
      return actual !== expected;
    default:
      return operator satisfies never;
  }
}
