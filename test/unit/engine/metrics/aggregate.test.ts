import { describe, expect, it } from 'vitest';
import { Aggregate } from '../../../../engine/metrics/aggregate.ts';
import { MetricRegistry } from '../../../../engine/metrics/metric-registry.ts';
import type { MetricContains, MetricType } from '../../../../engine/metrics/metric-types.ts';
import { SampleSink } from '../../../../engine/metrics/sample-sink.ts';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';

/** A seeded generator (mulberry32), so the "random" samples are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
const exactPercentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

const registry = new MetricRegistry();

/** Plays samples through a sink (one flush per `perFlush` samples) into a fresh aggregate, as the main thread would. */
function aggregateOf(name: string, samples: number[], perFlush = samples.length): Aggregate {
  const metric = registry.get(name)!;
  const sink = new SampleSink();
  const tags = sink.tagSet({});
  const aggregate = new Aggregate(metric.type, metric.contains);
  samples.forEach((value, index) => {
    sink.add(metric, tags, value);
    if ((index + 1) % perFlush === 0) for (const delta of sink.flush()) aggregate.merge(delta);
  });
  for (const delta of sink.flush()) aggregate.merge(delta);
  return aggregate;
}

const delta = (type: MetricType, values: number[], contains: MetricContains = 'default'): SeriesDelta => ({
  metric: 'm',
  type,
  contains,
  tags: {},
  count: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  min: Math.min(...values),
  max: Math.max(...values),
  last: values.at(-1)!,
});

describe('Aggregate', () => {
  describe('of a counter', () => {
    const counter = new Aggregate('counter', 'default');
    counter.merge(delta('counter', [1, 1, 1]));
    counter.merge(delta('counter', [5, 2]));

    it.each([
      ['count', 10_000, 10],
      ['rate', 10_000, 1], // 10 per 10 s
      ['rate', 4_000, 2.5],
      ['rate', 0, 0],
      ['value', 1_000, undefined],
    ])('reports %s over %d ms as %s', (stat, durationMs, expected) => {
      expect(counter.stat(stat, durationMs)).toBe(expected);
    });
  });

  describe('of a gauge', () => {
    const gauge = new Aggregate('gauge', 'default');
    gauge.merge(delta('gauge', [4, 12, 7]));
    gauge.merge(delta('gauge', [2, 9]));

    it.each([
      ['value', 9], // the last value, not the sum or average
      ['min', 2],
      ['max', 12],
      ['count', undefined],
    ])('reports %s as %s', (stat, expected) => {
      expect(gauge.stat(stat, 1000)).toBe(expected);
    });
  });

  describe('of a rate', () => {
    const rate = new Aggregate('rate', 'default');
    rate.merge(delta('rate', [1, 0, 1, 1]));
    rate.merge(delta('rate', [0, 0, 1, 1]));

    it.each([
      ['rate', 5 / 8],
      ['passes', 5],
      ['fails', 3],
      ['avg', undefined],
    ])('reports %s as %s', (stat, expected) => {
      expect(rate.stat(stat, 1000)).toBe(expected);
    });
  });

  describe('of a trend of 1..101 ms', () => {
    const samples = Array.from({ length: 101 }, (_, i) => i + 1);
    const trend = aggregateOf('http_req_duration', samples, 10);

    it.each([
      ['avg', 51],
      ['min', 1],
      ['max', 101],
      ['count', 101],
      ['med', 51],
      ['p(90)', 91],
      ['p(95)', 96],
      ['p(99)', 100],
      ['p(99.9)', 101],
      ['p(100)', 101],
      ['p(0)', 1],
    ])('reports %s as %d ms to 3 significant digits', (stat, expected) => {
      const value = trend.stat(stat, 1000)!;
      expect(Math.abs(value - expected) / expected).toBeLessThanOrEqual(0.001);
    });

    it.each([['rate'], ['value'], ['p95'], ['p(x)']])('has no %s statistic', (stat) => {
      expect(trend.stat(stat, 1000)).toBeUndefined();
    });
  });

  it('reports nothing before any sample arrived', () => {
    for (const type of ['counter', 'gauge', 'rate', 'trend'] as const) {
      expect(new Aggregate(type, 'default').stat(type === 'gauge' ? 'value' : 'count', 1000)).toBeUndefined();
    }
  });

  it('computes trend percentiles of 10,000 random samples within 0.1% of the exact percentiles', () => {
    const random = seeded(20_240_601);
    // Log-uniform from 1 ms to about 1.1 s, the spread of real latencies.
    const samples = Array.from({ length: 10_000 }, () => Math.exp(random() * 7));
    const trend = aggregateOf('http_req_duration', samples, 997);
    const sorted = [...samples].sort((a, b) => a - b);
    const errors = [1, 10, 25, 50, 75, 90, 95, 99, 99.9].map((p) => {
      const exact = exactPercentile(sorted, p);
      return { p, error: Math.abs(trend.stat(p === 50 ? 'med' : `p(${p})`, 1000)! - exact) / exact };
    });
    expect(errors.filter(({ error }) => error > 0.001)).toEqual([]);
    expect(trend.stat('min', 1000)).toBe(sorted[0]);
    expect(trend.stat('max', 1000)).toBe(sorted.at(-1));
    expect(trend.stat('count', 1000)).toBe(10_000);
    expect(trend.stat('avg', 1000)).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / 10_000, 9);
  });

  it('gives the same statistics from two workers\u2019 deltas as from one sink that saw every sample', () => {
    const random = seeded(7);
    const samples = Array.from({ length: 4_000 }, () => 0.2 + random() * 400);
    const metric = registry.get('http_req_duration')!;
    const one = aggregateOf('http_req_duration', samples);

    const workers = [new SampleSink(), new SampleSink()];
    const merged = new Aggregate(metric.type, metric.contains);
    samples.forEach((value, index) => {
      const sink = workers[index % 2]!;
      sink.add(metric, sink.tagSet({}), value);
      // Each worker flushes once per "second": every 500 of its own samples.
      if (index % 1000 >= 998) for (const d of sink.flush()) merged.merge(d);
    });
    for (const sink of workers) for (const d of sink.flush()) merged.merge(d);

    for (const stat of ['count', 'min', 'max', 'med', 'p(90)', 'p(95)', 'p(99)']) {
      expect([stat, merged.stat(stat, 1000)]).toEqual([stat, one.stat(stat, 1000)]);
    }
    expect(merged.stat('avg', 1000)).toBeCloseTo(one.stat('avg', 1000)!, 9);
  });

  it('records values below zero as 0 in the histogram but keeps the exact min', () => {
    const trend = aggregateOf('iteration_duration', [-2, 5, 10]);
    expect(trend.stat('min', 1000)).toBe(-2);
    expect(trend.stat('p(0)', 1000)).toBe(0);
    expect(trend.stat('avg', 1000)).toBeCloseTo(13 / 3, 12);
  });
});
