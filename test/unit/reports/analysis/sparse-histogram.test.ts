import { describe, expect, it } from 'vitest';
import { Aggregate } from '../../../../engine/metrics/aggregate.ts';
import { createHistogram, decodeHistogram, recordTrendValue, type Histogram } from '../../../../engine/metrics/hdr.ts';
import { addHistogram } from '../../../../reports/analysis/add-histogram.ts';
import { addSparse, mergeTrend, sparseHistogram, sparseOfRecord } from '../../../../reports/analysis/sparse-histogram.ts';
import { trendDelta } from './timeline-fixture.ts';

function histogramOf(values: readonly number[]): Histogram {
  const histogram = createHistogram();
  for (const value of values) recordTrendValue(histogram, value);
  return histogram;
}

/** Every count of a histogram by value, as the library reports them (getCountAtValue is not in its public type). */
function countsOf(histogram: Histogram): [number, number][] {
  const { getCountAtValue } = histogram as unknown as { getCountAtValue(value: number): number };
  const counts: [number, number][] = [];
  for (let ms = 0.001; ms < 70_000; ms *= 1.01) counts.push([ms, getCountAtValue.call(histogram, Math.round(ms * 1000))]);
  return counts;
}

/** An accumulator grown far beyond a second's histogram, so the library's own add takes its slow path. */
const grown = () => histogramOf([0.5, 3, 60_000]);
const small = () => decodeHistogram(trendDelta('x', {}, [1, 2, 2, 7.5, 120, 121, 950]).hdr!);

describe('adding histograms of different sizes', () => {
  it.each([
    { name: 'a small one into a grown one', into: grown, from: small },
    { name: 'a grown one into a small one', into: small, from: grown },
    { name: 'an empty one', into: grown, from: () => createHistogram() },
  ])('gives what the library gives for $name, directly and sparse', ({ into, from }) => {
    const expected = into();
    expected.add(from());
    for (const add of [addHistogram, (a: Histogram, b: Histogram) => addSparse(a, sparseHistogram(b))]) {
      const actual = into();
      add(actual, from());
      expect(actual.totalCount).toBe(expected.totalCount);
      expect(actual.maxValue).toBe(expected.maxValue);
      expect(actual.minNonZeroValue).toBe(expected.minNonZeroValue);
      expect(countsOf(actual)).toEqual(countsOf(expected));
      for (const p of [1, 50, 95, 99, 100]) expect(actual.getValueAtPercentile(p)).toBe(expected.getValueAtPercentile(p));
    }
  });

  it('keeps only the non-zero counts of a histogram', () => {
    const sparse = sparseHistogram(small());
    expect(sparse.total).toBe(7);
    expect(sparse.counts).toEqual([1, 2, 1, 1, 1, 1]);
    expect(sparse.indices).toEqual([...sparse.indices].sort((a, b) => a - b));
  });

  it('merges a trend record into an aggregate as Aggregate.merge does', () => {
    const record = trendDelta('http_req_duration', {}, [4, 8, 15, 16, 23, 42]);
    const expected = new Aggregate('trend', 'time');
    expected.merge(record);
    const actual = new Aggregate('trend', 'time');
    mergeTrend(actual, record, sparseOfRecord(record));
    for (const stat of ['count', 'avg', 'min', 'max', 'med', 'p(95)', 'p(99)']) expect(actual.stat(stat, 0)).toBe(expected.stat(stat, 0));
  });
});
