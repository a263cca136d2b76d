import { build, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram } from '../../../../engine/metrics/hdr.ts';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';
import { sparseHistogram, sparseOfRecord, type SparseHistogram } from '../../../../reports/analysis/sparse-histogram.ts';
import { sparseOfEncoded } from '../../../../reports/analysis/sparse-of-encoded.ts';
import { fastEncodeHistogram } from '../../../../engine/metrics/fast-encode-histogram.ts';

/** A histogram holding each [value, count] pair, in the histogram's own units (µs for the engine's). */
function histogramOf(pairs: readonly (readonly [number, number])[], make: () => Histogram = createHistogram): Histogram {
  const histogram = make();
  for (const [value, count] of pairs) histogram.recordValueWithCount(value, count);
  return histogram;
}

/** Deterministic pseudo-random values, so a failure can be replayed. */
function randomPairs(seed: number, n: number, maxValue: number): [number, number][] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => [Math.floor(next() ** 3 * maxValue), 1 + Math.floor(next() * 5)]);
}

/** What the library path gives: decode the whole histogram, then walk its counts. */
function libraryPath(encoded: string) {
  const { indices, counts, total, histogram } = sparseHistogram(decodeHistogram(encoded));
  const { subBucketCount, unitMagnitude, maxValue, minNonZeroValue } = histogram as unknown as Record<string, number>;
  return { indices, counts, total, subBucketCount, unitMagnitude, maxValue, minNonZeroValue };
}

/** The parts of a sparse histogram the two paths must agree on. */
function factsOf(sparse: SparseHistogram) {
  const { subBucketCount, unitMagnitude, maxValue, minNonZeroValue } = sparse.shape!;
  return { indices: sparse.indices, counts: sparse.counts, total: sparse.total, subBucketCount, unitMagnitude, maxValue, minNonZeroValue };
}

const boundaries = [1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 8191, 8192, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 1];

const shapes: { name: string; histogram: () => Histogram }[] = [
  { name: 'an empty histogram', histogram: () => createHistogram() },
  { name: 'a single value', histogram: () => histogramOf([[1500, 1]]) },
  { name: 'only zeros', histogram: () => histogramOf([[0, 7]]) },
  { name: 'zeros and one other value', histogram: () => histogramOf([[0, 3], [1, 2]]) },
  { name: 'values 1 and 2 only', histogram: () => histogramOf([[1, 1], [2, 4]]) },
  { name: 'values across sub-bucket boundaries', histogram: () => histogramOf(boundaries.map((v) => [v, 1])) },
  { name: 'a wide range, 1 µs to an hour', histogram: () => histogramOf([[1, 1], [999, 2], [3_600_000_000, 1]]) },
  { name: 'a value near 2^31', histogram: () => histogramOf([[2 ** 31 - 1, 1], [5, 1]]) },
  { name: 'a value past 2^32', histogram: () => histogramOf([[2 ** 33 + 12345, 2], [70, 1]]) },
  { name: 'big counts', histogram: () => histogramOf([[10, 2 ** 31 + 5], [20, 2 ** 32 - 1], [30, 63], [40, 64], [50, 8191], [60, 8192]]) },
  { name: 'long runs of zeros between values', histogram: () => histogramOf([[3, 1], [40_000, 1], [90_000_000, 1]]) },
  { name: 'many random latencies', histogram: () => histogramOf(randomPairs(7, 2000, 2_000_000)) },
  { name: 'dense small latencies', histogram: () => histogramOf(randomPairs(11, 5000, 5000)) },
  {
    name: 'another precision and lowest value',
    histogram: () => histogramOf(randomPairs(3, 500, 10_000_000), () => build({ lowestDiscernibleValue: 1000, highestTrackableValue: 4000, numberOfSignificantValueDigits: 2, autoResize: true })),
  },
  { name: 'a 64-bit-count histogram', histogram: () => histogramOf(randomPairs(5, 300, 100_000), () => build({ bitBucketSize: 64 })) },
];

const encoders: { encoder: string; encode: (histogram: Histogram) => string }[] = [
  { encoder: 'encodeHistogram', encode: encodeHistogram },
  { encoder: 'fastEncodeHistogram', encode: fastEncodeHistogram },
  { encoder: 'deflate level 1', encode: (histogram) => encodeIntoCompressedBase64(histogram, 1) },
];

const cases = shapes.flatMap((shape) => encoders.map((encoder) => ({ ...shape, ...encoder })));

describe('reading an encoded histogram straight into its non-zero counts', () => {
  it.each(cases)('gives what decoding with the library gives for $name, encoded by $encoder', ({ histogram, encode }) => {
    const encoded = encode(histogram());
    expect(sparseOfEncoded(encoded)).toEqual(libraryPath(encoded));
  });

  it.each(cases)('makes the same sparse histogram of a record as the library path for $name, encoded by $encoder', ({ histogram, encode }) => {
    const encoded = encode(histogram());
    const fast = sparseOfRecord({ hdr: encoded } as SeriesDelta)!;
    const library = libraryPath(encoded);
    expect(factsOf(fast)).toEqual(library);
    expect(encodeHistogram(fast.histogram)).toBe(encodeHistogram(decodeHistogram(encoded)));
  });

  it.each([
    { name: 'a V1 cookie', encoded: Buffer.from([0x1c, 0x84, 0x93, 0x02, 0, 0, 0, 4, 1, 2, 3, 4]).toString('base64') },
    { name: 'URL-safe base64', encoded: encodeHistogram(histogramOf([[0xfbff, 1]])).replace(/\+/g, '-').replace(/\//g, '_') },
    { name: 'a length that is not a multiple of 4', encoded: 'HISTFAAAAA' },
    { name: 'a truncated deflate stream', encoded: Buffer.from(encodeHistogram(histogramOf([[5, 1]])), 'base64').subarray(0, 14).toString('base64') },
  ])('leaves $name to the library, which keeps its own result or error', ({ encoded }) => {
    expect(sparseOfEncoded(encoded)).toBeUndefined();
    let expected: unknown;
    try {
      expected = libraryPath(encoded);
    } catch (error) {
      expected = error;
    }
    if (expected instanceof Error) expect(() => sparseOfRecord({ hdr: encoded } as SeriesDelta)).toThrow(expected.message);
    else {
      expect(factsOf(sparseOfRecord({ hdr: encoded } as SeriesDelta)!)).toEqual(expected);
    }
  });
});
