import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import type { MetricType } from '../../../../engine/metrics/metric-types.ts';
import { parseThresholds } from '../../../../engine/thresholds/parse-thresholds.ts';

const METRIC_TYPES: Readonly<Record<string, MetricType>> = {
  http_req_duration: 'trend',
  http_req_failed: 'rate',
  http_reqs: 'counter',
  checks: 'rate',
  vus: 'gauge',
  errors: 'counter',
};
const metricTypeOf = (name: string): MetricType | undefined => METRIC_TYPES[name];

describe('parseThresholds', () => {
  it('reads short and long forms into one set per key, in key order', () => {
    const sets = parseThresholds(
      {
        http_req_duration: ['p(95)<120', { threshold: 'p(99) < 300', abortOnFail: true, delayAbortEval: '10s' }],
        'http_req_duration{scenario:product-get}': [{ threshold: 'avg<80' }],
        http_req_failed: ['rate<0.01'],
      },
      metricTypeOf,
    );
    expect(sets).toEqual([
      {
        key: 'http_req_duration',
        metric: 'http_req_duration',
        filter: {},
        specs: [
          {
            source: 'p(95)<120',
            aggregation: { kind: 'percentile', p: 95 },
            operator: '<',
            value: 120,
            abortOnFail: false,
            delayAbortEvalMs: 0,
          },
          {
            source: 'p(99) < 300',
            aggregation: { kind: 'percentile', p: 99 },
            operator: '<',
            value: 300,
            abortOnFail: true,
            delayAbortEvalMs: 10_000,
          },
        ],
      },
      {
        key: 'http_req_duration{scenario:product-get}',
        metric: 'http_req_duration',
        filter: { scenario: 'product-get' },
        specs: [
          { source: 'avg<80', aggregation: { kind: 'avg' }, operator: '<', value: 80, abortOnFail: false, delayAbortEvalMs: 0 },
        ],
      },
      {
        key: 'http_req_failed',
        metric: 'http_req_failed',
        filter: {},
        specs: [
          { source: 'rate<0.01', aggregation: { kind: 'rate' }, operator: '<', value: 0.01, abortOnFail: false, delayAbortEvalMs: 0 },
        ],
      },
    ]);
  });

  it('keeps a key with no expressions, which k6 users write to show a sub-metric in the summary', () => {
    expect(parseThresholds({ 'http_req_duration{scenario:x}': [] }, metricTypeOf)).toEqual([
      { key: 'http_req_duration{scenario:x}', metric: 'http_req_duration', filter: { scenario: 'x' }, specs: [] },
    ]);
  });

  it.each([[undefined], [null], [{}]])('reads %j as no thresholds', (thresholds) => {
    expect(parseThresholds(thresholds, metricTypeOf)).toEqual([]);
  });

  it.each<[MetricType, string, string]>([
    ['counter', 'errors', 'count<10'],
    ['counter', 'errors', 'rate<0.5'],
    ['gauge', 'vus', 'value<100'],
    ['rate', 'checks', 'rate>0.99'],
    ['trend', 'http_req_duration', 'avg<1'],
    ['trend', 'http_req_duration', 'min<1'],
    ['trend', 'http_req_duration', 'max<1'],
    ['trend', 'http_req_duration', 'med<1'],
    ['trend', 'http_req_duration', 'p(99.99)<1'],
  ])('accepts on a %s metric (%s) the expression %s', (_type, metric, expression) => {
    expect(parseThresholds({ [metric]: [expression] }, metricTypeOf)[0]!.specs).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ['errors', 'value<1', 'errors is a counter metric, expected one of count, rate, got value'],
    ['errors', 'p(95)<1', 'errors is a counter metric, expected one of count, rate, got p(N)'],
    ['vus', 'avg<1', 'vus is a gauge metric, expected one of value, got avg'],
    ['checks', 'count>1', 'checks is a rate metric, expected one of rate, got count'],
    ['http_req_duration', 'rate<1', 'http_req_duration is a trend metric, expected one of avg, min, max, med, p(N), got rate'],
    ['http_req_duration', 'value<1', 'http_req_duration is a trend metric'],
    ['http_req_duration', 'count<1', 'http_req_duration is a trend metric'],
  ])('refuses on %s the aggregation of %s', (metric, expression, detail) => {
    const call = (): unknown => parseThresholds({ [metric]: [expression] }, metricTypeOf);
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(`invalid threshold ${JSON.stringify(expression)} for metric ${JSON.stringify(metric)}; ${detail}`);
  });

  it('refuses a metric that does not exist, naming it', () => {
    expect(() => parseThresholds({ foo: ['count<1'] }, metricTypeOf)).toThrow(
      'invalid threshold key "foo"; no metric named "foo" exists; expected a built-in metric or one created in the init context',
    );
  });

  it('refuses a sub-metric of a metric that does not exist, naming the key and the metric', () => {
    expect(() => parseThresholds({ 'foo{status:200}': ['count<1'] }, metricTypeOf)).toThrow(
      'invalid threshold key "foo{status:200}"; no metric named "foo" exists',
    );
  });

  it('names the key when a malformed expression is found under it', () => {
    expect(() => parseThresholds({ 'http_req_duration{scenario:a}': ['p(95)<<1'] }, metricTypeOf)).toThrow(
      'invalid threshold "p(95)<<1" for metric "http_req_duration{scenario:a}"; expected "aggregation operator number" such as "p(95)<200"',
    );
  });

  it.each<[string, unknown, string]>([
    ['a bare string', 'p(95)<200', 'invalid thresholds for "http_req_duration"; expected an array of expressions such as ["p(95)<200"], got "p(95)<200"'],
    ['an object', { threshold: 'p(95)<200' }, 'invalid thresholds for "http_req_duration"; expected an array'],
    ['a number entry', [200], 'invalid threshold for "http_req_duration"; expected an expression such as "p(95)<200" or'],
    ['a null entry', [null], 'got null'],
    ['a missing threshold field', [{ abortOnFail: true }], 'expected "threshold" to be an expression such as "p(95)<200", got no "threshold" field'],
    ['a non-string threshold field', [{ threshold: 200 }], 'expected "threshold" to be an expression such as "p(95)<200", got 200'],
    ['a misspelt field', [{ threshold: 'p(95)<200', abortOnFailure: true }], 'expected only the fields threshold, abortOnFail and delayAbortEval, got "abortOnFailure"'],
    ['a string abortOnFail', [{ threshold: 'p(95)<200', abortOnFail: 'yes' }], 'invalid abortOnFail of threshold "p(95)<200" for "http_req_duration"; expected true or false, got "yes"'],
    ['a malformed delayAbortEval', [{ threshold: 'p(95)<200', delayAbortEval: '10x' }], 'invalid delayAbortEval (threshold "p(95)<200" on "http_req_duration") "10x"; expected a duration'],
  ])('refuses %s', (_case, entries, message) => {
    const call = (): unknown => parseThresholds({ http_req_duration: entries }, metricTypeOf);
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(message);
  });

  it.each([[['p(95)<200']], ['http_req_duration'], [42]])('refuses thresholds that are not an object: %j', (thresholds) => {
    expect(() => parseThresholds(thresholds, metricTypeOf)).toThrow(
      /^invalid thresholds; expected an object of metric names to arrays of expressions such as .+, got /,
    );
  });

  it('reads a numeric delayAbortEval as milliseconds', () => {
    const [set] = parseThresholds({ checks: [{ threshold: 'rate>0.9', abortOnFail: true, delayAbortEval: 1500 }] }, metricTypeOf);
    expect(set!.specs[0]!.delayAbortEvalMs).toBe(1_500);
  });
});
