import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../phases/format-duration.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [999, '999ms'],
    [1_000, '1s'],
    [6_000, '6s'],
    [6_500, '6s500ms'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [150_000, '2m30s'],
    [3_600_000, '1h'],
    [7_200_000, '2h'],
    [7_320_000, '2h2m'],
    [3_661_001, '1h1m1s1ms'],
  ])('writes %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses %s, which is no whole number of milliseconds', (ms) => {
    expect(() => formatDuration(ms)).toThrow(/^invalid duration; expected a whole, non-negative number of milliseconds/);
  });
});
