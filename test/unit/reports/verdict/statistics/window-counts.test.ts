import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, recordTrendValue } from '../../../../../engine/metrics/hdr.ts';
import { sparseHistogram } from '../../../../../reports/analysis/sparse-histogram.ts';
import { windowCountsOf } from '../../../../../reports/verdict/statistics/window-counts.ts';

describe('windowCountsOf', () => {
  it('reads an encoded window into the same counts as decoding it with the library', () => {
    const histogram = createHistogram();
    for (const value of [0.2, 3, 3, 48.5, 120, 2500]) recordTrendValue(histogram, value);
    const encoded = encodeHistogram(histogram);
    const reference = sparseHistogram(decodeHistogram(encoded));
    const counts = windowCountsOf(encoded);
    expect(counts.indices).toEqual(reference.indices);
    expect(counts.counts).toEqual(reference.counts);
    expect(counts.total).toBe(6);
    expect(counts.subBucketCount).toBe(reference.shape!.subBucketCount);
    expect(counts.unitMagnitude).toBe(reference.shape!.unitMagnitude);
  });

  it('throws on a string that is no histogram encoding', () => {
    expect(() => windowCountsOf('not a histogram')).toThrow();
  });
});
