import { describe, expect, it } from 'vitest';
import { linearTrend, LinearTrend } from '../../../../reports/analysis/linear-trend.ts';

describe('linearTrend', () => {
  it.each([
    { name: 'an exact rising line', points: [[0, 1], [1, 3], [2, 5], [3, 7]], slope: 2, intercept: 1, r2: 1 },
    { name: 'an exact falling line', points: [[10, 0], [20, -5], [30, -10]], slope: -0.5, intercept: 5, r2: 1 },
    // By hand: x̄ = 1.5, ȳ = 2.5, Sxy = 4, Sxx = 5, Syy = 5 → slope 0.8, intercept 1.3, r² = 16 / 25.
    { name: 'a noisy line', points: [[0, 1], [1, 3], [2, 2], [3, 4]], slope: 0.8, intercept: 1.3, r2: 0.64 },
    { name: 'a flat line (nothing to explain)', points: [[0, 4], [1, 4], [2, 4]], slope: 0, intercept: 4, r2: 0 },
    { name: 'epoch-second x and byte-sized y', points: [[1.7e9, 5e8], [1.7e9 + 60, 5e8 + 6e6], [1.7e9 + 120, 5e8 + 12e6]], slope: 1e5, intercept: 5e8 - 1e5 * 1.7e9, r2: 1 },
  ])('fits $name', ({ points, slope, intercept, r2 }) => {
    const fit = linearTrend(points as [number, number][])!;
    expect(fit.slope).toBeCloseTo(slope, 9);
    expect(Math.abs(fit.intercept - intercept)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(intercept)));
    expect(fit.r2).toBeCloseTo(r2, 9);
    expect(fit.points).toBe(points.length);
  });

  it.each([
    { name: 'no points', points: [] },
    { name: 'one point', points: [[1, 1]] },
    { name: 'points all at one x', points: [[2, 1], [2, 5], [2, 9]] },
  ])('gives no line for $name', ({ points }) => {
    expect(linearTrend(points as [number, number][])).toBeUndefined();
  });

  it('gives the same fit fed one point at a time as from a list', () => {
    const trend = new LinearTrend();
    const points: [number, number][] = [[0, 2], [5, 3], [9, 11], [12, 10]];
    for (const [x, y] of points) trend.add(x, y);
    expect(trend.fit()).toEqual(linearTrend(points));
  });
});
