import { describe, expect, it } from 'vitest';
import { minimumSamples } from '../../../../../reports/verdict/statistics/minimum-samples.ts';

describe('minimumSamples', () => {
  it.each([
    [95, 2000],
    [99, 10_000],
    [50, 200],
    [99.9, 100_000],
    [0, 100],
  ])('asks for about 100 samples beyond p%s: %s samples', (p, expected) => {
    expect(minimumSamples(p)).toBe(expected);
  });

  it.each([100, -1, Number.NaN])('throws an error naming the expected range for p = %s', (p) => {
    expect(() => minimumSamples(p)).toThrow(/percentile in \[0, 100\)/);
  });
});
