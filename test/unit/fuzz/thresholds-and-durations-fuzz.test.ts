import fc from 'fast-check';
import { describe, it } from 'vitest';
import { OptionsError } from '../../../engine/errors.ts';
import type { MetricType } from '../../../engine/metrics/metric-types.ts';
import { parseDuration } from '../../../engine/options/parse-duration.ts';
import { parseThresholdExpression } from '../../../engine/thresholds/parse-threshold-expression.ts';
import { parseThresholdKey } from '../../../engine/thresholds/parse-threshold-key.ts';
import { parseThresholds } from '../../../engine/thresholds/parse-thresholds.ts';
import { anyJson, expectValueOrClearError, FUZZ, mutatedJson, mutatedText, trickyString } from './fuzz-support.ts';

const METRICS: Readonly<Record<string, MetricType>> = {
  http_req_duration: 'trend',
  http_reqs: 'counter',
  checks: 'rate',
  vus: 'gauge',
};
// A Map, as the engine's registry is: a prototype key is no metric.
const metricTypes = new Map(Object.entries(METRICS));
const metricTypeOf = (name: string): MetricType | undefined => metricTypes.get(name);

const text = (valid: readonly string[]) =>
  fc.oneof(fc.string({ maxLength: 40, unit: 'binary' }), trickyString, fc.constantFrom(...valid).chain(mutatedText));

const VALID_THRESHOLDS = {
  'http_req_duration{scenario:product-get}': ['p(95)<200', { threshold: 'avg<100', abortOnFail: true, delayAbortEval: '10s' }],
  http_reqs: ['count>10', 'rate>=1'],
  checks: ['rate>0.99'],
  vus: ['value<=100'],
};

describe('the threshold and duration parsers under random and mutated input', () => {
  it('reads any threshold expression as an expression or one clear OptionsError', () => {
    fc.assert(
      fc.property(text(['p(95)<200', 'avg <= 1e3', 'p(99.9) != .5', 'rate>=0.99', 'count===3']), (source) => {
        expectValueOrClearError(() => parseThresholdExpression(source, 'http_req_duration'), OptionsError, source);
      }),
      FUZZ,
    );
  });

  it('reads any threshold key as a key or one clear OptionsError', () => {
    fc.assert(
      fc.property(text(['http_req_duration{scenario:product-get}', 'checks{check:"status is 200",name:a:b}', 'vus']), (key) => {
        expectValueOrClearError(() => parseThresholdKey(key), OptionsError, key);
      }),
      FUZZ,
    );
  });

  it('reads any thresholds option, random or a mutation of a valid one, or refuses it with one clear OptionsError', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, mutatedJson(VALID_THRESHOLDS)), (thresholds) => {
        expectValueOrClearError(() => parseThresholds(thresholds, metricTypeOf), OptionsError, JSON.stringify(thresholds) ?? '');
      }),
      FUZZ,
    );
  });

  it('reads any duration, string or JSON value, as milliseconds or one clear OptionsError', () => {
    fc.assert(
      fc.property(fc.oneof(text(['1h30m', '1.5s', '500ms', '0', '2µs', '.5m']), anyJson), (value) => {
        expectValueOrClearError(() => parseDuration(value, 'duration'), OptionsError, JSON.stringify(value) ?? '');
      }),
      FUZZ,
    );
  });
});
