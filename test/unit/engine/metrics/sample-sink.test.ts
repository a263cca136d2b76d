import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../../../engine/metrics/hdr.ts';
import { MetricRegistry } from '../../../../engine/metrics/metric-registry.ts';
import { SampleSink } from '../../../../engine/metrics/sample-sink.ts';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';

const registry = new MetricRegistry();
const metric = (name: string) => registry.get(name)!;
const byMetric = (deltas: SeriesDelta[]) => Object.fromEntries(deltas.map((delta) => [delta.metric, delta]));

describe('SampleSink', () => {
  it('puts samples whose tags differ only in key order into one series', () => {
    const sink = new SampleSink();
    const first = sink.tagSet({ method: 'GET', status: '200', name: 'products' });
    const second = sink.tagSet({ status: '200', name: 'products', method: 'GET' });
    expect(second).toBe(first);
    sink.add(metric('http_reqs'), first, 1);
    sink.add(metric('http_reqs'), second, 1);
    const deltas = sink.flush();
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toMatchObject({ metric: 'http_reqs', count: 2, sum: 2, tags: { method: 'GET', name: 'products', status: '200' } });
  });

  it('keeps samples with different tag values in separate series', () => {
    const sink = new SampleSink();
    sink.add(metric('http_reqs'), sink.tagSet({ status: '200' }), 1);
    sink.add(metric('http_reqs'), sink.tagSet({ status: '500' }), 1);
    sink.add(metric('http_reqs'), sink.tagSet({ status: '200', name: 'x' }), 1);
    expect(sink.flush().map((delta) => delta.tags)).toEqual([{ status: '200' }, { status: '500' }, { name: 'x', status: '200' }]);
  });

  it('flushes count, sum, min, max and last of each series with the metric type and contents', () => {
    const sink = new SampleSink();
    const tags = sink.tagSet({ scenario: 'default' });
    for (const value of [3, 9, 1, 4]) sink.add(metric('vus'), tags, value);
    for (const value of [512, 2048]) sink.add(metric('data_sent'), tags, value);
    const deltas = byMetric(sink.flush());
    expect(deltas.vus).toEqual({ metric: 'vus', type: 'gauge', contains: 'default', tags: { scenario: 'default' }, count: 4, sum: 17, min: 1, max: 9, last: 4, hdr: undefined });
    expect(deltas.data_sent).toMatchObject({ type: 'counter', contains: 'data', count: 2, sum: 2560, min: 512, max: 2048, last: 2048 });
  });

  it('sends a histogram of the second for trends only, in microseconds', () => {
    const sink = new SampleSink();
    const tags = sink.tagSet({});
    for (const value of [1.5, 2.25, 10]) sink.add(metric('http_req_duration'), tags, value);
    sink.add(metric('http_reqs'), tags, 1);
    const deltas = byMetric(sink.flush());
    expect(deltas.http_reqs!.hdr).toBeUndefined();
    const histogram = decodeHistogram(deltas.http_req_duration!.hdr!);
    expect(histogram.totalCount).toBe(3);
    expect(histogram.minNonZeroValue).toBe(1500);
    expect(histogram.maxValue).toBeGreaterThanOrEqual(10_000);
    expect(histogram.maxValue).toBeLessThanOrEqual(10_010);
  });

  it('returns only what arrived since the last flush, and nothing for a quiet second', () => {
    const sink = new SampleSink();
    const tags = sink.tagSet({});
    sink.add(metric('iteration_duration'), tags, 100);
    sink.add(metric('iteration_duration'), tags, 300);
    expect(sink.flush()[0]).toMatchObject({ count: 2, sum: 400, min: 100, max: 300 });
    expect(sink.flush()).toEqual([]);
    sink.add(metric('iteration_duration'), tags, 50);
    const [delta] = sink.flush();
    expect(delta).toMatchObject({ count: 1, sum: 50, min: 50, max: 50, last: 50 });
    expect(decodeHistogram(delta!.hdr!).totalCount).toBe(1);
  });

  it('tells the JSON output about every sample with the canonical tags', () => {
    const sink = new SampleSink();
    const seen: [string, Record<string, string>, number][] = [];
    sink.onSample = (m, tags, value) => seen.push([m.name, tags, value]);
    sink.add(metric('http_reqs'), sink.tagSet({ b: '2', a: '1' }), 1);
    sink.add(metric('http_req_duration'), sink.tagSet({ a: '1', b: '2' }), 12.5);
    expect(seen).toEqual([
      ['http_reqs', { a: '1', b: '2' }, 1],
      ['http_req_duration', { a: '1', b: '2' }, 12.5],
    ]);
  });
});
