import { describe, expect, it } from 'vitest';
import { createHistogram, encodeHistogram, recordTrendValue, type Histogram } from '../../../../engine/metrics/hdr.ts';
import { fastRecordTrendValue } from '../../../../reports/sources/fast-record-trend-value.ts';

/** Everything a reader of the histogram can see. */
const stateOf = (h: Histogram) => ({
  encoded: encodeHistogram(h),
  totalCount: h.totalCount,
  min: h.minNonZeroValue,
  max: h.maxValue,
  p50: h.getValueAtPercentile(50),
  p99: h.getValueAtPercentile(99),
});

const bothWays = (values: number[]) => {
  const slow = createHistogram();
  const fast = createHistogram();
  for (const value of values) {
    recordTrendValue(slow, value);
    fastRecordTrendValue(fast, value);
  }
  return { slow: stateOf(slow), fast: stateOf(fast) };
};

describe('fastRecordTrendValue', () => {
  it.each([
    ['zero and negatives', [0, -1, -0.0004]],
    ['sub-microsecond values that round to 0 or 1 µs', [0.0004, 0.0005, 0.0015]],
    ['the edges of bucket 0 and bucket 1', [1.023, 1.024, 2.047, 2.048, 2.049, 4.095, 4.096]],
    ['typical HTTP durations', [0.170512, 17.051234, 120.5, 3.3, 999.999]],
    ['powers of two and their neighbours in µs', [65.535, 65.536, 1048.575, 1048.576, 1048.577]],
    ['values that make the counts array grow', [5, 3_600_000, 7.5, 1e6]],
    ['values past 2^31 µs, recorded the slow way', [2147483.647, 2147483.648, 9e9, 1.5]],
    ['non-time trends in plain units', [120, 800, 1299, 65536]],
  ])('records %s exactly as recordTrendValue does', (_name, values) => {
    const { slow, fast } = bothWays(values);
    expect(fast).toEqual(slow);
  });

  it('matches recordTrendValue over many random values, bucket by bucket', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = Array.from({ length: 20_000 }, () => Math.round(Math.exp(rand() * 14) * 1e6) / 1e6);
    const { slow, fast } = bothWays(values);
    expect(fast).toEqual(slow);
  });
});
