import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../engine/metrics/metric-registry.ts';
import { MetricStore } from '../../../../engine/metrics/metric-store.ts';
import type { Tags } from '../../../../engine/metrics/metric-types.ts';
import { SampleSink } from '../../../../engine/metrics/sample-sink.ts';

const registry = new MetricRegistry();

/** Sends [metric, tags, value] samples through a sink into the store, one flush. */
function feed(store: MetricStore, samples: [string, Tags, number][]): void {
  const sink = new SampleSink();
  for (const [name, tags, value] of samples) sink.add(registry.get(name)!, sink.tagSet(tags), value);
  for (const delta of sink.flush()) store.merge(delta);
}

describe('MetricStore', () => {
  it('aggregates every series of a metric under the metric name', () => {
    const store = new MetricStore();
    feed(store, [
      ['http_reqs', { status: '200' }, 1],
      ['http_reqs', { status: '500' }, 1],
      ['http_reqs', { status: '200', scenario: 'b' }, 1],
    ]);
    expect(store.get('http_reqs')!.stat('count', 1000)).toBe(3);
    expect(store.entries().map(([key]) => key)).toEqual(['http_reqs']);
  });

  it('counts in a sub-metric only the series whose tags match its filter', () => {
    const store = new MetricStore([
      { key: 'http_req_duration{scenario:a}', metric: 'http_req_duration', filter: { scenario: 'a' } },
      { key: 'http_req_duration{scenario:a,status:200}', metric: 'http_req_duration', filter: { scenario: 'a', status: '200' } },
      { key: 'http_reqs{scenario:c}', metric: 'http_reqs', filter: { scenario: 'c' } },
    ]);
    feed(store, [
      ['http_req_duration', { scenario: 'a', status: '200' }, 10],
      ['http_req_duration', { scenario: 'a', status: '500' }, 30],
      ['http_req_duration', { scenario: 'b', status: '200' }, 1000],
      ['http_req_duration', { status: '200' }, 2000],
    ]);
    expect(store.get('http_req_duration')!.stat('count', 1000)).toBe(4);
    const a = store.get('http_req_duration{scenario:a}')!;
    expect([a.stat('count', 1000), a.stat('avg', 1000), a.stat('max', 1000)]).toEqual([2, 20, 30]);
    const ok = store.get('http_req_duration{scenario:a,status:200}')!;
    expect([ok.stat('count', 1000), ok.stat('min', 1000)]).toEqual([1, 10]);
    expect(store.get('http_reqs{scenario:c}')).toBeUndefined();
  });

  it('gives a sub-metric the type of its metric', () => {
    const store = new MetricStore([{ key: 'checks{scenario:a}', metric: 'checks', filter: { scenario: 'a' } }]);
    feed(store, [
      ['checks', { scenario: 'a', check: 'ok' }, 1],
      ['checks', { scenario: 'a', check: 'ok' }, 0],
      ['checks', { scenario: 'b', check: 'ok' }, 0],
    ]);
    const sub = store.get('checks{scenario:a}')!;
    expect(sub.type).toBe('rate');
    expect(sub.stat('rate', 1000)).toBe(0.5);
  });

  it('does not count a sub-metric twice when thresholds name it twice', () => {
    const key = { key: 'http_reqs{scenario:a}', metric: 'http_reqs', filter: { scenario: 'a' } };
    const store = new MetricStore([key, { ...key }]);
    feed(store, [['http_reqs', { scenario: 'a' }, 1]]);
    expect(store.get('http_reqs{scenario:a}')!.stat('count', 1000)).toBe(1);
  });

  it('totals checks by group and name', () => {
    const store = new MetricStore();
    feed(store, [
      ['checks', { check: 'status is 200', group: '' }, 1],
      ['checks', { check: 'status is 200', group: '' }, 1],
      ['checks', { check: 'status is 200', group: '' }, 0],
      ['checks', { check: 'status is 200', group: '::checkout' }, 0],
      ['checks', { check: 'has id', group: '::checkout' }, 1],
      ['checks', { check: 'has id', group: '::checkout', scenario: 'b' }, 1],
    ]);
    expect([...store.checks.values()].sort((x, y) => (x.group === y.group ? (x.name < y.name ? -1 : 1) : x.group < y.group ? -1 : 1))).toEqual([
      { group: '', name: 'status is 200', passes: 2, fails: 1 },
      { group: '::checkout', name: 'has id', passes: 2, fails: 0 },
      { group: '::checkout', name: 'status is 200', passes: 0, fails: 1 },
    ]);
    expect(store.get('checks')!.stat('passes', 1000)).toBe(4);
    expect(store.get('checks')!.stat('fails', 1000)).toBe(2);
  });

  it('remembers every group path samples came from, but not the root', () => {
    const store = new MetricStore();
    feed(store, [
      ['group_duration', { group: '::a' }, 5],
      ['http_reqs', { group: '::a::b' }, 1],
      ['http_reqs', { group: '' }, 1],
    ]);
    expect([...store.groupPaths].sort()).toEqual(['::a', '::a::b']);
  });

  it('adds up deltas of several seconds and workers', () => {
    const store = new MetricStore();
    feed(store, [['iterations', { scenario: 'a' }, 1]]);
    feed(store, [['iterations', { scenario: 'a' }, 1], ['iterations', { scenario: 'a' }, 1]]);
    feed(store, [['iterations', { scenario: 'b' }, 1]]);
    expect(store.get('iterations')!.stat('count', 2000)).toBe(4);
    expect(store.get('iterations')!.stat('rate', 2000)).toBe(2);
  });
});
