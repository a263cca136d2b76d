import { describe, expect, it } from 'vitest';
import { longestStreak } from '../../../../../reports/verdict/rules/longest-streak.ts';

/** Readings from `[seconds, value]` pairs. */
const readings = (pairs: [number, number][]) => pairs.map(([seconds, value]) => ({ timeMs: seconds * 1000, value }));

describe('longestStreak', () => {
  it.each([
    { case: 'every reading above spans first to last', pairs: [[0, 9], [60, 9], [120, 9]], lengthMs: 120_000, startMs: 0 },
    { case: 'one dip resets the streak', pairs: [[0, 9], [60, 9], [120, 1], [180, 9], [240, 9]], lengthMs: 60_000, startMs: 0 },
    { case: 'the longer streak after a dip wins', pairs: [[0, 9], [60, 1], [70, 9], [130, 9], [200, 9]], lengthMs: 130_000, startMs: 70_000 },
    { case: 'a reading equal to the threshold is a dip', pairs: [[0, 9], [60, 5], [120, 9]], lengthMs: 0, startMs: 0 },
    { case: 'irregular timestamps measure time, not readings', pairs: [[0, 1], [3, 9], [4, 9], [97, 9], [98, 1]], lengthMs: 94_000, startMs: 3000 },
    { case: 'unsorted readings are sorted first', pairs: [[120, 9], [0, 9], [60, 9]], lengthMs: 120_000, startMs: 0 },
    { case: 'a single reading above is a streak of 0 ms', pairs: [[0, 1], [30, 9], [60, 1]], lengthMs: 0, startMs: 30_000 },
  ] as { case: string; pairs: [number, number][]; lengthMs: number; startMs: number }[])('$case', ({ pairs, lengthMs, startMs }) => {
    expect(longestStreak(readings(pairs), 5)).toEqual({ lengthMs, startMs });
  });

  it('reports no streak when no reading is above', () => {
    expect(longestStreak(readings([[0, 1], [60, 5]]), 5)).toEqual({ lengthMs: -1 });
  });
});
