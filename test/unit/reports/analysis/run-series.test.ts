import { describe, expect, it } from 'vitest';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';
import type { TimelineRecord } from '../../../../engine/output/timeline-writer.ts';
import type { PhaseStage } from '../../../../phases/index.ts';
import { MAX_SERIES_POINTS } from '../../../../reports/analysis/run-analysis.ts';
import { seriesBucketS, SeriesFold } from '../../../../reports/analysis/run-series.ts';
import { exactPercentile, plainDelta, trendDelta } from './timeline-fixture.ts';

const STAGES: PhaseStage[] = [{ label: 'steady', startMs: 0, endMs: 60_000, startRate: 10, endRate: 10 }];

function record(second: number, delta: SeriesDelta): TimelineRecord {
  return { kind: 'series', second, time: second * 1000, ...delta };
}

function fold(bucketS: number): SeriesFold {
  return new SeriesFold(bucketS, [{ name: "shop", metric: "http_req_duration", plannedRate: STAGES }]);
}

describe('seriesBucketS', () => {
  it.each([
    { totalS: 60, bucketS: 1 },
    { totalS: 600, bucketS: 1 },
    { totalS: 601, bucketS: 2 },
    { totalS: 1800, bucketS: 3 },
    { totalS: 4 * 3600, bucketS: 24 },
  ])('is $bucketS s for a run of $totalS s', ({ totalS, bucketS }) => {
    expect(seriesBucketS(totalS)).toBe(bucketS);
    expect(Math.ceil(totalS / bucketS)).toBeLessThanOrEqual(MAX_SERIES_POINTS);
  });
});

describe('SeriesFold', () => {
  it('takes each bucket percentile from the merged histogram, not from averaged per-second percentiles', () => {
    const series = fold(2);
    // Second 0: 19 fast requests; second 1: one slow one. Averaged per-second p95s would give (10 + 500) / 2.
    const fast = Array(19).fill(10);
    series.addRecord(record(0, trendDelta('http_req_duration', { scenario: 'shop' }, fast)));
    series.addRecord(record(1, trendDelta('http_req_duration', { scenario: 'shop' }, [500])));
    const [point] = series.result(2).latency;
    const all = [...fast, 500];
    expect(point).toMatchObject({ scenario: 'shop', second: 0, p99: 500 });
    // Within HDR precision (3 significant digits) of the raw values' percentiles: 10 ms, not 255 ms.
    expect(point!.p50).toBeCloseTo(exactPercentile(all, 50), 1);
    expect(point!.p95).toBeCloseTo(exactPercentile(all, 95), 1);
  });

  it('gives achieved and target iterations/s, failures and most VUs per bucket', () => {
    const series = fold(5);
    for (let second = 0; second < 8; second++) {
      series.addRecord(record(second, plainDelta('iterations', 'counter', { scenario: 'shop' }, 8, 8)));
      series.addRecord(record(second, plainDelta('http_req_failed', 'rate', { scenario: 'shop', status: '503' }, 8, second === 6 ? 3 : 0)));
      series.addRecord(record(second, plainDelta('checks', 'rate', { scenario: 'shop' }, 8, second === 6 ? 5 : 8)));
      series.addRecord(record(second, { ...plainDelta('vus', 'gauge', {}, 1, second + 1), max: second + 1 }));
      // Another scenario's records stay out of the shop's lines.
      series.addRecord(record(second, plainDelta('iterations', 'counter', { scenario: 'other' }, 100, 100)));
    }
    const result = series.result(8);
    expect(result.bucketS).toBe(5);
    // The last bucket covers seconds 5..7: 3 s.
    expect(result.rate).toEqual([
      { scenario: 'shop', second: 0, achieved: 8, target: 10 },
      { scenario: 'shop', second: 5, achieved: 8, target: 10 },
    ]);
    expect(result.errors).toEqual([
      { scenario: 'shop', second: 0, httpFailed: 0, checksFailed: 0 },
      { scenario: 'shop', second: 5, httpFailed: 3, checksFailed: 3 },
    ]);
    expect(result.vus).toEqual([
      { second: 0, vus: 5 },
      { second: 5, vus: 8 },
    ]);
    expect(result.latency).toEqual([]);
  });

  it('adds up VU records of one second before taking the most of the bucket', () => {
    const series = fold(10);
    series.addRecord(record(0, { ...plainDelta('vus', 'gauge', { scenario: 'a' }, 1, 3), max: 3 }));
    series.addRecord(record(0, { ...plainDelta('vus', 'gauge', { scenario: 'b' }, 1, 4), max: 4 }));
    series.addRecord(record(1, { ...plainDelta('vus', 'gauge', { scenario: 'a' }, 1, 5), max: 5 }));
    expect(series.result(2).vus).toEqual([{ second: 0, vus: 7 }]);
  });

  it('buckets server samples by time: mean CPU and heap, most lag, none before the start', () => {
    const series = fold(10);
    series.addSaturation(-2, 'm', 99, 999);
    series.addSaturation(1, 'm', 40, 100);
    series.addSaturation(6, 'm', 60, undefined);
    series.addSaturation(12, 'm', 10, 120);
    series.addKafkaLag(3, 'g', 50);
    series.addKafkaLag(8, 'g', 20);
    const result = series.result(20);
    expect(result.saturation).toEqual([
      { source: 'm', second: 0, cpuPercent: 50, heapUsedMiB: 100 },
      { source: 'm', second: 10, cpuPercent: 10, heapUsedMiB: 120 },
    ]);
    expect(result.kafkaLag).toEqual([{ group: 'g', second: 0, lag: 50 }]);
  });

  it('keeps at most MAX_SERIES_POINTS points when a run outgrows its width, counting every request', () => {
    const series = fold(1);
    const seconds = MAX_SERIES_POINTS * 2 + 10;
    for (let second = 0; second < seconds; second++) {
      series.addRecord(record(second, plainDelta('http_req_failed', 'rate', { scenario: 'shop' }, 1, 1)));
    }
    const { bucketS, errors } = series.result(seconds);
    expect(bucketS).toBe(4);
    expect(errors.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(errors.reduce((total, point) => total + point.httpFailed, 0)).toBe(seconds);
  });
});
