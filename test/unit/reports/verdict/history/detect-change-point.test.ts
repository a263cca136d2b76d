import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../lib/seeded-random.ts';
import { detectChangePoint } from '../../../../../reports/verdict/history/index.ts';

/** p95s of `length` builds around `level` ms with ±3% noise (seeded), each times `shape(i)`. */
function noisy(length: number, shape: (i: number) => number, seed = 7): number[] {
  const random = seededRandom(seed);
  return Array.from({ length }, (_, i) => 100 * shape(i) * (1 + (random() - 0.5) * 0.06));
}

describe('detectChangePoint', () => {
  it.each([1, 2, 3, 4, 5])('finds no significant change in a flat noisy series (seed %i)', (seed) => {
    const result = detectChangePoint(noisy(30, () => 1, seed));
    expect(result).toBeDefined();
    expect(result!.significant).toBe(false);
    expect(result!.pValue).toBeGreaterThan(0.05);
  });

  it.each([
    { at: 15, length: 30 },
    { at: 10, length: 24 },
    { at: 20, length: 30 },
  ])('finds a +15% step at build $at of $length within one build', ({ at, length }) => {
    const result = detectChangePoint(noisy(length, (i) => (i < at ? 1 : 1.15)))!;
    expect(result.significant).toBe(true);
    expect(Math.abs(result.index - at)).toBeLessThanOrEqual(1);
    expect(result.meanBefore).toBeCloseTo(100, -1);
    expect(result.meanAfter).toBeCloseTo(115, -1);
    expect(result.pValue).toBeLessThanOrEqual(0.05);
  });

  it('flags a slow linear creep of 1% a build over 30 builds, splitting it near the middle', () => {
    const result = detectChangePoint(noisy(30, (i) => 1 + 0.01 * i))!;
    expect(result.significant).toBe(true);
    expect(result.index).toBeGreaterThanOrEqual(8);
    expect(result.index).toBeLessThanOrEqual(22);
    expect(result.meanAfter).toBeGreaterThan(result.meanBefore);
  });

  it('gives the same answer twice with the same seed, and its p-value on the permutation grid', () => {
    const series = noisy(30, (i) => 1 + 0.002 * i);
    const first = detectChangePoint(series, { random: seededRandom(42) });
    const second = detectChangePoint(series, { random: seededRandom(42) });
    expect(second).toEqual(first);
    expect(first!.pValue * 200).toBeCloseTo(Math.round(first!.pValue * 200), 9);
    expect(first!.pValue).toBeGreaterThanOrEqual(1 / 200);
  });

  it('keeps at least minSegment builds on each side of the change', () => {
    // A single slow build at the end is the largest jump, but a split before it would leave one build.
    const series = [...noisy(20, () => 1), 300];
    const result = detectChangePoint(series, { minSegment: 5 })!;
    expect(result.index).toBeGreaterThanOrEqual(5);
    expect(result.index).toBeLessThanOrEqual(series.length - 5);
  });

  it.each([
    { length: 0, minSegment: 5 },
    { length: 9, minSegment: 5 },
    { length: 5, minSegment: 3 },
  ])('is undefined for $length builds when minSegment is $minSegment', ({ length, minSegment }) => {
    expect(detectChangePoint(noisy(length, () => 1), { minSegment })).toBeUndefined();
  });

  it('is defined from 2 × minSegment builds on', () => {
    expect(detectChangePoint(noisy(10, () => 1), { minSegment: 5 })).toBeDefined();
  });

  it('is not significant when alpha is below the smallest p-value permutations can give', () => {
    const result = detectChangePoint(noisy(30, (i) => (i < 15 ? 1 : 1.15)), { permutations: 19, alpha: 0.01 })!;
    expect(result.pValue).toBe(1 / 20);
    expect(result.significant).toBe(false);
  });
});
