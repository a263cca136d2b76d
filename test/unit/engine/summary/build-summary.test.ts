import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../engine/metrics/metric-registry.ts';
import { MetricStore, type SubmetricKey } from '../../../../engine/metrics/metric-store.ts';
import type { Tags } from '../../../../engine/metrics/metric-types.ts';
import { SampleSink } from '../../../../engine/metrics/sample-sink.ts';
import type { TestOptions } from '../../../../engine/options/test-options.ts';
import type { ThresholdResults } from '../../../../engine/run/evaluate-thresholds.ts';
import { buildSummary } from '../../../../engine/summary/build-summary.ts';
import type { SummaryGroup } from '../../../../engine/summary/summary-types.ts';

const registry = new MetricRegistry();
registry.define('orders_placed', 'counter');
registry.define('cart_size', 'trend');

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function options(summaryTrendStats: string[]): TestOptions {
  return { scenarios: [], thresholds: [], summaryTrendStats, summaryTimeUnit: '', tags: {}, setupTimeoutMs: 60_000, teardownTimeoutMs: 60_000, raw: {} };
}

function storeWith(samples: [string, Tags, number][], submetrics: SubmetricKey[] = []): MetricStore {
  const store = new MetricStore(submetrics);
  const sink = new SampleSink();
  for (const [name, tags, value] of samples) sink.add(registry.get(name)!, sink.tagSet(tags), value);
  for (const delta of sink.flush()) store.merge(delta);
  return store;
}

/** Trend values to 3 significant digits, the HDR resolution. */
function expectTrend(values: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(values)).toEqual(Object.keys(expected));
  for (const [stat, value] of Object.entries(expected)) {
    expect(Math.abs(values[stat]! - value), stat).toBeLessThanOrEqual(Math.abs(value) * 0.001);
  }
}

describe('buildSummary', () => {
  const durations: [string, Tags, number][] = Array.from({ length: 21 }, (_, i) => [
    'http_req_duration',
    { scenario: i % 2 === 0 ? 'a' : 'b', group: '' },
    i + 1, // 1..21 ms; scenario a gets the odd values 1, 3, …, 21
  ]);
  const store = storeWith(
    [
      ...durations,
      ['http_reqs', { scenario: 'a' }, 1],
      ['http_reqs', { scenario: 'b' }, 1],
      ['http_reqs', { scenario: 'b' }, 1],
      ['http_reqs', { scenario: 'b' }, 1],
      ['orders_placed', { scenario: 'a' }, 5],
      ['vus', {}, 1],
      ['vus', {}, 8],
      ['vus', {}, 3],
      ['http_req_failed', { scenario: 'a' }, 0],
      ['http_req_failed', { scenario: 'a' }, 0],
      ['http_req_failed', { scenario: 'a' }, 0],
      ['http_req_failed', { scenario: 'b' }, 1],
      ['checks', { check: 'status is 200', group: '' }, 1],
      ['checks', { check: 'status is 200', group: '' }, 0],
      ['checks', { check: 'has items', group: '::browse' }, 1],
      ['checks', { check: 'order accepted', group: '::browse::checkout' }, 1],
      ['checks', { check: 'order accepted', group: '::browse::checkout' }, 1],
      ['checks', { check: 'order accepted', group: '::browse::checkout' }, 0],
      ['group_duration', { group: '::admin' }, 12],
    ],
    [
      { key: 'http_req_duration{scenario:a}', metric: 'http_req_duration', filter: { scenario: 'a' } },
      { key: 'http_reqs{scenario:nobody}', metric: 'http_reqs', filter: { scenario: 'nobody' } },
    ],
  );
  const thresholds: ThresholdResults = new Map([
    ['http_req_duration', new Map([['p(95)<120', true]])],
    ['http_req_duration{scenario:a}', new Map([['p(95)<10', false], ['avg<50', true]])],
    ['http_req_failed', new Map([['rate<0.01', false]])],
    ['http_reqs{scenario:nobody}', new Map([['count>0', false]])],
  ]);
  const summary = buildSummary(store, options(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'count']), thresholds, 2000, { token: 'abc' });

  it('reports a counter as its count and its rate per second of the run', () => {
    expect(summary.metrics.http_reqs).toEqual({
      type: 'counter',
      contains: 'default',
      values: { count: 4, rate: 2 },
    });
    expect(summary.metrics.orders_placed!.values).toEqual({ count: 5, rate: 2.5 });
  });

  it('reports a gauge as its last value, min and max', () => {
    expect(summary.metrics.vus).toEqual({ type: 'gauge', contains: 'default', values: { value: 3, min: 1, max: 8 } });
  });

  it('reports a rate as its rate, passes and fails, with thresholds keyed by expression', () => {
    expect(summary.metrics.http_req_failed).toEqual({
      type: 'rate',
      contains: 'default',
      values: { rate: 0.25, passes: 1, fails: 3 },
      thresholds: { 'rate<0.01': { ok: false } },
    });
  });

  it('reports a trend with exactly the summaryTrendStats keys, in their order', () => {
    const metric = summary.metrics.http_req_duration!;
    expect(metric.type).toBe('trend');
    expect(metric.contains).toBe('time');
    // 1..21: mean 11; nearest-rank p(90) is the 19th value, p(95) the 20th.
    expectTrend(metric.values as Record<string, number>, { avg: 11, min: 1, med: 11, max: 21, 'p(90)': 19, 'p(95)': 20, count: 21 });
    expect(metric.thresholds).toEqual({ 'p(95)<120': { ok: true } });
  });

  it('reports a sub-metric under its full key with only the matching samples and its own thresholds', () => {
    const metric = summary.metrics['http_req_duration{scenario:a}']!;
    // 1, 3, …, 21: 11 values, mean 11, median the 6th (11), p(90) the 10th (19), p(95) the 11th (21).
    expectTrend(metric.values as Record<string, number>, { avg: 11, min: 1, med: 11, max: 21, 'p(90)': 19, 'p(95)': 21, count: 11 });
    expect(metric.thresholds).toEqual({ 'p(95)<10': { ok: false }, 'avg<50': { ok: true } });
  });

  it('leaves out metrics and sub-metrics that never received a sample', () => {
    expect(Object.keys(summary.metrics).sort()).toEqual(
      ['checks', 'group_duration', 'http_req_duration', 'http_req_duration{scenario:a}', 'http_req_failed', 'http_reqs', 'orders_placed', 'vus'].sort(),
    );
    expect(summary.metrics).not.toHaveProperty('iterations');
    expect(summary.metrics).not.toHaveProperty(['http_reqs{scenario:nobody}']);
  });

  it('builds the root_group tree from group paths, with each check under its own group', () => {
    const group = (name: string, path: string, groups: SummaryGroup[], checks: SummaryGroup['checks']): SummaryGroup => ({ name, path, id: md5(path), groups, checks });
    const check = (name: string, path: string, passes: number, fails: number) => ({ name, path, id: md5(path), passes, fails });
    expect(summary.root_group).toEqual(
      group(
        '',
        '',
        [
          group('admin', '::admin', [], []),
          group(
            'browse',
            '::browse',
            [group('checkout', '::browse::checkout', [], [check('order accepted', '::browse::checkout::order accepted', 2, 1)])],
            [check('has items', '::browse::has items', 1, 0)],
          ),
        ],
        [check('status is 200', '::status is 200', 1, 1)],
      ),
    );
    expect(summary.root_group.id).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('counts checks in the checks rate metric as well', () => {
    expect(summary.metrics.checks!.values).toEqual({ rate: 4 / 6, passes: 4, fails: 2 });
  });

  it('records the options, run state and setup data', () => {
    expect(summary.options).toEqual({ summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'count'], summaryTimeUnit: '', noColor: false });
    expect(summary.state.testRunDurationMs).toBe(2000);
    expect(typeof summary.state.isStdOutTTY).toBe('boolean');
    expect(typeof summary.state.isStdErrTTY).toBe('boolean');
    expect(summary.setup_data).toEqual({ token: 'abc' });
  });

  it.each([
    [['avg'], ['avg']],
    [['p(99)', 'p(99.9)', 'count'], ['p(99)', 'p(99.9)', 'count']],
    [['max', 'min'], ['max', 'min']],
  ])('gives trends the keys %j when summaryTrendStats is %j', (stats, keys) => {
    const custom = buildSummary(storeWith([['cart_size', {}, 3], ['cart_size', {}, 5]]), options(stats), new Map(), 1000, undefined);
    expect(Object.keys(custom.metrics.cart_size!.values)).toEqual(keys);
    expect(custom.metrics.cart_size!.contains).toBe('default');
  });

  it('has an empty root group and no metrics for a run without samples', () => {
    const empty = buildSummary(new MetricStore(), options(['avg']), new Map(), 0, undefined);
    expect(empty.metrics).toEqual({});
    expect(empty.root_group).toEqual({ name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] });
  });
});
