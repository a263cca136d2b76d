import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import { parseThresholdExpression } from '../../../../engine/thresholds/parse-threshold-expression.ts';
import type { Aggregation, Operator } from '../../../../engine/thresholds/parse-threshold-expression.ts';

describe('parseThresholdExpression', () => {
  it.each<[string, Aggregation, Operator, number]>([
    ['p(95)<200', { kind: 'percentile', p: 95 }, '<', 200],
    ['p(95) < 200', { kind: 'percentile', p: 95 }, '<', 200],
    ['  p(90)<=300  ', { kind: 'percentile', p: 90 }, '<=', 300],
    ['p(99.9)<500', { kind: 'percentile', p: 99.9 }, '<', 500],
    ['p(0)>=0', { kind: 'percentile', p: 0 }, '>=', 0],
    ['p(100)<1000', { kind: 'percentile', p: 100 }, '<', 1000],
    ['rate<0.01', { kind: 'rate' }, '<', 0.01],
    ['rate>.95', { kind: 'rate' }, '>', 0.95],
    ['count>=10', { kind: 'count' }, '>=', 10],
    ['count == 0', { kind: 'count' }, '==', 0],
    ['count===0', { kind: 'count' }, '===', 0],
    ['count!=3', { kind: 'count' }, '!=', 3],
    ['avg<100.5', { kind: 'avg' }, '<', 100.5],
    ['min>-5', { kind: 'min' }, '>', -5],
    ['max<1e3', { kind: 'max' }, '<', 1000],
    ['med>=+2', { kind: 'med' }, '>=', 2],
    ['value<4000', { kind: 'value' }, '<', 4000],
  ])('reads %j', (source, aggregation, operator, value) => {
    expect(parseThresholdExpression(source)).toEqual({ source, aggregation, operator, value });
  });

  it.each([
    ['p(95)<<1', 'got "<1" after "<" where a number belongs'],
    ['p(101)<1', 'got "p(101)"; p(N) takes a percentile N from 0 to 100'],
    ['p(-1)<1', 'got "p(-1)"'],
    ['p()<1', 'got "p()"'],
    ['p(abc)<1', 'got "p(abc)"'],
    ['p( 95 )<1', 'got "p( 95 )"'],
    ['p(95<1', 'unknown aggregation "p(95"'],
    ['foo<1', 'unknown aggregation "foo"'],
    ['AVG<1', 'unknown aggregation "AVG"'],
    ['p(95)<', 'got "" after "<" where a number belongs'],
    ['p(95)<abc', 'got "abc" after "<"'],
    ['p(95)<200ms', 'got "200ms" after "<"'],
    ['<1', 'got no aggregation before "<"'],
    ['p(95)', 'got no operator'],
    ['', 'got no operator'],
    ['avg=1', 'got an unknown operator at "=1"'],
    ['avg=<1', 'got an unknown operator at "=<1"'],
    ['avg!1', 'got an unknown operator at "!1"'],
    ['avg<1 && max<2', 'got "1 && max<2" after "<"'],
  ])('refuses %j: %s', (source, detail) => {
    const call = (): unknown => parseThresholdExpression(source, 'http_req_duration');
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(
      `invalid threshold ${JSON.stringify(source)} for metric "http_req_duration"; ` +
        'expected "aggregation operator number" such as "p(95)<200", ',
    );
    expect(call).toThrow(detail);
  });

  it('leaves the metric out of the message when it is not known', () => {
    expect(() => parseThresholdExpression('p(95)<<1')).toThrow(
      'invalid threshold "p(95)<<1"; expected "aggregation operator number" such as "p(95)<200", got "<1" after "<" where a number belongs',
    );
  });
});
