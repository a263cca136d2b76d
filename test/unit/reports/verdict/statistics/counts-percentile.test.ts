import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, percentileOf, recordTrendValue } from '../../../../../engine/metrics/hdr.ts';
import { seededRandom } from '../../../../../lib/seeded-random.ts';
import { countsPercentile } from '../../../../../reports/verdict/statistics/counts-percentile.ts';
import { windowCountsOf } from '../../../../../reports/verdict/statistics/window-counts.ts';
import { lognormalSamples } from './window-fixture.ts';

/** Dense counts of one encoded histogram, as the bootstrap merges them. */
function denseOf(encoded: string) {
  const window = windowCountsOf(encoded);
  const dense = new Float64Array((window.indices.at(-1) ?? -1) + 1);
  window.indices.forEach((index, k) => (dense[index] = window.counts[k]!));
  return { dense, window };
}

describe('countsPercentile', () => {
  it.each([
    ['lognormal latencies', lognormalSamples(seededRandom(5), 3000, 50, 0.8)],
    ['sub-millisecond values', [0.001, 0.002, 0.5, 0.9, 0.9, 1.7]],
    ['a single value', [42.123]],
    ['zeros among the values', [0, 0, 0, 3, 12_000, 90_000]],
  ])('matches the library percentile for %s', (_name, values) => {
    const histogram = createHistogram();
    for (const value of values) recordTrendValue(histogram, value);
    const encoded = encodeHistogram(histogram);
    const { dense, window } = denseOf(encoded);
    for (const p of [0.1, 1, 25, 50, 90, 95, 99, 99.9, 100]) {
      expect(countsPercentile(dense, window.total, window, p), `p${p}`).toBe(percentileOf(decodeHistogram(encoded), p));
    }
  });

  it('gives 0 for empty counts, as the library does', () => {
    expect(countsPercentile(new Float64Array(4), 0, { subBucketCount: 2048, unitMagnitude: 0 }, 95)).toBe(0);
  });
});
