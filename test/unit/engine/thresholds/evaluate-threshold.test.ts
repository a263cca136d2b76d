import { describe, expect, it } from 'vitest';
import { compare, evaluateThreshold, statNameOf } from '../../../../engine/thresholds/evaluate-threshold.ts';
import { parseThresholdExpression } from '../../../../engine/thresholds/parse-threshold-expression.ts';
import type { Aggregation, Operator } from '../../../../engine/thresholds/parse-threshold-expression.ts';

/** Statistics of a small product-get run, keyed as k6's summary keys them. */
const STATS: Readonly<Record<string, number>> = {
  avg: 40.1,
  min: 18.1,
  med: 35.9,
  max: 411.2,
  'p(95)': 87.9,
  'p(99.9)': 390,
  count: 600,
  rate: 0.005,
  value: 20,
};
const stat = (aggregation: Aggregation): number | undefined => STATS[statNameOf(aggregation)];

describe('statNameOf', () => {
  it.each<[Aggregation, string]>([
    [{ kind: 'avg' }, 'avg'],
    [{ kind: 'min' }, 'min'],
    [{ kind: 'max' }, 'max'],
    [{ kind: 'med' }, 'med'],
    [{ kind: 'count' }, 'count'],
    [{ kind: 'rate' }, 'rate'],
    [{ kind: 'value' }, 'value'],
    [{ kind: 'percentile', p: 95 }, 'p(95)'],
    [{ kind: 'percentile', p: 99.9 }, 'p(99.9)'],
    [{ kind: 'percentile', p: 0 }, 'p(0)'],
    [{ kind: 'percentile', p: 100 }, 'p(100)'],
  ])('names %j as %s', (aggregation, name) => {
    expect(statNameOf(aggregation)).toBe(name);
  });

  it('names p(99.90) like p(99.9), the form the summary keys use', () => {
    expect(statNameOf(parseThresholdExpression('p(99.90)<1').aggregation)).toBe('p(99.9)');
  });
});

describe('compare', () => {
  it.each<[number, Operator, number, boolean]>([
    [1, '<', 2, true],
    [2, '<', 2, false],
    [3, '<', 2, false],
    [1, '<=', 2, true],
    [2, '<=', 2, true],
    [3, '<=', 2, false],
    [1, '>', 2, false],
    [2, '>', 2, false],
    [3, '>', 2, true],
    [1, '>=', 2, false],
    [2, '>=', 2, true],
    [3, '>=', 2, true],
    [2, '==', 2, true],
    [1, '==', 2, false],
    [2, '===', 2, true],
    [1, '===', 2, false],
    [1, '!=', 2, true],
    [2, '!=', 2, false],
    [Number.NaN, '<', 2, false],
    [Number.NaN, '>=', 2, false],
    [Number.NaN, '!=', 2, true],
  ])('%d %s %d is %s', (actual, operator, expected, result) => {
    expect(compare(actual, operator, expected)).toBe(result);
  });
});

describe('evaluateThreshold', () => {
  it.each<[string, boolean]>([
    ['avg<100', true],
    ['avg<40', false],
    ['min>=18.1', true],
    ['min>18.1', false],
    ['max<=411.2', true],
    ['max<400', false],
    ['med<36', true],
    ['med<35', false],
    ['p(95)<120', true],
    ['p(95) < 80', false],
    ['p(99.9)<=390', true],
    ['p(99.9)<390', false],
    ['count==600', true],
    ['count===601', false],
    ['count!=601', true],
    ['rate<0.01', true],
    ['rate<0.001', false],
    ['value>=20', true],
    ['value>20', false],
  ])('judges %s against the run as %s', (source, expected) => {
    expect(evaluateThreshold(parseThresholdExpression(source), stat)).toBe(expected);
  });

  it('passes a threshold whose metric received no samples, as k6 reports such thresholds ok', () => {
    expect(evaluateThreshold(parseThresholdExpression('rate>=0.9'), () => undefined)).toBe(true);
  });

  it('asks the statistics for exactly the aggregation of the threshold', () => {
    const asked: Aggregation[] = [];
    evaluateThreshold(parseThresholdExpression('p(90)<1'), (aggregation) => {
      asked.push(aggregation);
      return 0;
    });
    expect(asked).toEqual([{ kind: 'percentile', p: 90 }]);
  });
});
