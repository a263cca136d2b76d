import { describe, expect, it } from 'vitest';
import { CoarseningBuckets } from '../../../../reports/analysis/coarsening-buckets.ts';

/** Buckets that sum what is added to them, noting which were sealed. */
function summing(widthS: number, max: number) {
  const sealed: number[][] = [];
  const buckets = new CoarseningBuckets<number[]>(widthS, max, {
    create: () => [0],
    merge: (into, from) => (into[0]! += from[0]!),
    seal: (value) => sealed.push(value),
  });
  const add = (second: number, value: number) => (buckets.at(second)[0]! += value);
  return { buckets, sealed, add, list: () => buckets.list().map(({ second, value }) => [second, value[0]]) };
}

describe('CoarseningBuckets', () => {
  it('keeps buckets of its width while they fit', () => {
    const { add, list, buckets } = summing(5, 10);
    for (let second = 0; second < 20; second++) add(second, 1);
    expect(buckets.widthS).toBe(5);
    expect(list()).toEqual([[0, 5], [5, 5], [10, 5], [15, 5]]);
  });

  it('doubles its width and merges neighbours when one more bucket would not fit', () => {
    const { add, list, buckets } = summing(1, 4);
    for (let second = 0; second < 9; second++) add(second, second);
    // 1 s → 2 s (at second 4) → 4 s (at second 8).
    expect(buckets.widthS).toBe(4);
    expect(list()).toEqual([[0, 0 + 1 + 2 + 3], [4, 4 + 5 + 6 + 7], [8, 8]]);
  });

  it('places a late value in its own bucket, before later ones', () => {
    const { add, list } = summing(2, 10);
    add(6, 1);
    add(1, 10);
    add(7, 1);
    expect(list()).toEqual([[0, 10], [6, 2]]);
  });

  it('seals a bucket once a later one exists, and never the newest', () => {
    const { add, buckets, sealed } = summing(1, 10);
    add(0, 1);
    expect(sealed).toHaveLength(0);
    add(1, 1);
    expect(sealed).toEqual([buckets.list()[0]!.value]);
  });

  it.each([
    { widthS: 0, max: 10 },
    { widthS: 5, max: 0 },
  ])('refuses a width of $widthS s with $max buckets', ({ widthS, max }) => {
    expect(() => summing(widthS, max)).toThrow(/invalid buckets; expected a positive width and at least 1 bucket/);
  });
});
