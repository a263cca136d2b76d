import { describe, expect, it } from 'vitest';
import { formatSegment, offsetOf, ownsIteration, shareOf, WHOLE, type Segment } from '../../../../engine/executors/segment.ts';

const segmentsOf = (count: number): Segment[] => Array.from({ length: count }, (_, index) => ({ index, count }));

describe('shareOf', () => {
  it.each([
    // total, count, expected shares in segment order
    [10, 1, [10]],
    [10, 2, [5, 5]],
    [10, 3, [3, 3, 4]],
    [10, 4, [2, 3, 2, 3]],
    [7, 3, [2, 2, 3]],
    [1, 4, [0, 0, 0, 1]],
    [3, 4, [0, 1, 1, 1]],
    [0, 3, [0, 0, 0]],
    [100, 7, [14, 14, 14, 15, 14, 14, 15]],
  ])('splits %d among %d segments as %j', (total, count, expected) => {
    expect(segmentsOf(count).map((segment) => shareOf(total, segment))).toEqual(expected);
  });

  it('gives the whole segment the whole total', () => {
    expect(shareOf(37, WHOLE)).toBe(37);
  });

  it('makes the shares of every segment add up to exactly the total, for totals 0 to 300 and 1 to 16 segments', () => {
    const mismatches: string[] = [];
    for (let count = 1; count <= 16; count++) {
      for (let total = 0; total <= 300; total++) {
        const shares = segmentsOf(count).map((segment) => shareOf(total, segment));
        const sum = shares.reduce((a, b) => a + b, 0);
        if (sum !== total) mismatches.push(`${total}/${count} → ${sum}`);
        // No segment is more than one away from an even split.
        if (shares.some((share) => share !== Math.floor(total / count) && share !== Math.ceil(total / count))) {
          mismatches.push(`${total}/${count} uneven: ${shares.join(',')}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([[1_000_000_007, 3], [2 ** 40 + 1, 7], [123_456_789, 16]])('keeps large totals exact: %d among %d segments', (total, count) => {
    expect(segmentsOf(count).reduce((sum, segment) => sum + shareOf(total, segment), 0)).toBe(total);
  });
});

describe('offsetOf', () => {
  it.each([
    [10, 3, [0, 3, 6]],
    [10, 4, [0, 2, 5, 7]],
    [3, 4, [0, 0, 1, 2]],
    [0, 2, [0, 0]],
  ])('puts the first VU id of each segment of %d among %d at %j', (total, count, expected) => {
    expect(segmentsOf(count).map((segment) => offsetOf(total, segment))).toEqual(expected);
  });

  it('makes segments tile the id range: each one starts where the previous one ends', () => {
    for (let count = 1; count <= 12; count++) {
      for (let total = 0; total <= 120; total++) {
        let next = 0;
        for (const segment of segmentsOf(count)) {
          expect(offsetOf(total, segment)).toBe(next);
          next += shareOf(total, segment);
        }
        expect(next).toBe(total);
      }
    }
  });
});

describe('ownsIteration', () => {
  it.each([
    [0, { index: 0, count: 1 }, true],
    [5, { index: 0, count: 1 }, true],
    [0, { index: 0, count: 3 }, true],
    [1, { index: 0, count: 3 }, false],
    [4, { index: 1, count: 3 }, true],
    [5, { index: 1, count: 3 }, false],
    [8, { index: 2, count: 3 }, true],
    [9, { index: 2, count: 3 }, false],
  ])('says iteration %d belongs to %j: %s', (iteration, segment, expected) => {
    expect(ownsIteration(iteration, segment)).toBe(expected);
  });

  it('gives every iteration to exactly one segment', () => {
    for (let count = 1; count <= 9; count++) {
      for (let iteration = 0; iteration < 200; iteration++) {
        const owners = segmentsOf(count).filter((segment) => ownsIteration(iteration, segment));
        expect(owners).toHaveLength(1);
      }
    }
  });
});

describe('formatSegment', () => {
  it.each([
    [{ index: 0, count: 1 }, '0:1'],
    [{ index: 0, count: 2 }, '0:1/2'],
    [{ index: 1, count: 2 }, '1/2:1'],
    [{ index: 0, count: 3 }, '0:1/3'],
    [{ index: 1, count: 3 }, '1/3:2/3'],
    [{ index: 2, count: 3 }, '2/3:1'],
    [{ index: 3, count: 4 }, '3/4:1'],
  ])('writes %j in k6 notation as %s', (segment, expected) => {
    expect(formatSegment(segment)).toBe(expected);
  });
});
