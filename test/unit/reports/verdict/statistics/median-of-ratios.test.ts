import { describe, expect, it } from 'vitest';
import { medianOfRatios } from '../../../../../reports/verdict/statistics/median-of-ratios.ts';

describe('medianOfRatios', () => {
  it.each([
    [[1.3], 1.3],
    [[1.4, 1.0, 1.1], 1.1],
    [[2.5, 1.0, 1.1, 1.2], 1.15],
    [[1.02, 9, 1.01, 1.03, 1.0], 1.02],
  ])('gives the median of %j as %s', (ratios, expected) => {
    expect(medianOfRatios(ratios)).toBeCloseTo(expected, 12);
  });

  it('leaves the caller’s array in its order', () => {
    const ratios = [1.4, 1.0, 1.1];
    medianOfRatios(ratios);
    expect(ratios).toEqual([1.4, 1.0, 1.1]);
  });

  it.each([
    [[], /at least one ratio, got none/],
    [[1, Number.NaN], /finite ratios, got NaN/],
    [[1, Infinity], /finite ratios, got Infinity/],
  ])('throws an error naming what it expected for %j', (ratios, message) => {
    expect(() => medianOfRatios(ratios)).toThrow(message);
  });
});
