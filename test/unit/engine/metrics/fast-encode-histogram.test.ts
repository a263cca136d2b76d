import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, recordTrendValue } from '../../../../engine/metrics/hdr.ts';
import { fastEncodeHistogram } from '../../../../engine/metrics/fast-encode-histogram.ts';

const recorded = (values: number[]) => {
  const histogram = createHistogram();
  for (const value of values) recordTrendValue(histogram, value);
  return histogram;
};

let seed = 5;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

describe('fastEncodeHistogram', () => {
  const shapes: [string, number[]][] = [
    ['an empty histogram', []],
    ['one zero', [0]],
    ['one value', [17.051234]],
    ['counts of 63, 64 and more in one bucket (one- and two-byte words)', [...Array(63).fill(1), ...Array(64).fill(2), ...Array(20_000).fill(3)]],
    ['long runs of empty buckets', [0.001, 5_000, 3_600_000]],
    ['values that grew the counts array', [1, 1e6, 2e6, 0.5]],
    ['a second of HTTP timings', Array.from({ length: 500 }, () => Math.round(Math.exp(rand() * 6) * 1e6) / 1e6)],
    ['an hour of merged timings', Array.from({ length: 20_000 }, () => Math.round(Math.exp(rand() * 9) * 1e3) / 1e3)],
  ];

  it.each(shapes)('encodes %s exactly as hdr-histogram-js does', (_name, values) => {
    const histogram = recorded(values);
    expect(fastEncodeHistogram(histogram)).toBe(encodeIntoCompressedBase64(histogram));
  });

  it.each(shapes.flatMap(([name, values]) => [0, 1, 6, 9].map((level) => ({ name, values, level }))))(
    'encodes $name at deflate level $level exactly as encodeIntoCompressedBase64 does',
    ({ values, level }) => {
      const histogram = recorded(values);
      expect(fastEncodeHistogram(histogram, level)).toBe(encodeIntoCompressedBase64(histogram, level));
    },
  );

  it.each([16_384, 2_097_152, 2 ** 31 + 5])('encodes a bucket holding %i values (words of 3 bytes and more) as hdr-histogram-js does', (count) => {
    const histogram = recorded([0.5, 9]);
    histogram.recordValueWithCount(7_000, count);
    expect(fastEncodeHistogram(histogram)).toBe(encodeIntoCompressedBase64(histogram));
  });

  it('encodes a reset, reused histogram as hdr-histogram-js does, and the result decodes to the same counts', () => {
    const histogram = recorded([1, 2, 3_000_000]);
    histogram.reset();
    for (let i = 0; i < 300; i++) recordTrendValue(histogram, rand() * 200);
    const fast = fastEncodeHistogram(histogram);
    expect(fast).toBe(encodeIntoCompressedBase64(histogram));
    expect(decodeHistogram(fast).getValueAtPercentile(95)).toBe(histogram.getValueAtPercentile(95));
  });
});
