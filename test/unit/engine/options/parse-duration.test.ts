import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import { formatDuration, parseDuration } from '../../../../engine/options/parse-duration.ts';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['2h30m', 9_000_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['.5s', 500],
    ['1h0m0.25s', 3_600_250],
    ['100us', 0.1],
    ['100µs', 0.1],
    ['100μs', 0.1],
    ['250ns', 0.00025],
    ['0', 0],
    ['0s', 0],
    [0, 0],
    [1500, 1_500],
    [0.5, 0.5],
  ])('reads %j as %d milliseconds', (value, expected) => {
    expect(parseDuration(value, 'duration')).toBeCloseTo(expected, 9);
  });

  it.each([
    ['5x'],
    ['-1s'],
    [''],
    ['abc'],
    ['30'],
    ['1m30'],
    ['s'],
    ['1 s'],
    [' 30s'],
    ['30S'],
    ['1d'],
    [-1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [null],
    [true],
    [{ seconds: 30 }],
  ])('refuses %j with a message naming the option and the value', (value) => {
    const call = (): number => parseDuration(value, 'scenarios.product.duration');
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(/^invalid scenarios\.product\.duration .+; expected a duration such as "30s", "1m30s" or "500ms"$/);
  });

  it('quotes a refused string exactly as it was given', () => {
    expect(() => parseDuration('5x', 'duration')).toThrow(
      'invalid duration "5x"; expected a duration such as "30s", "1m30s" or "500ms"',
    );
  });

  it('refuses with exit code 104, the code for invalid options', () => {
    expect(() => parseDuration('5x', 'duration')).toThrow(expect.objectContaining({ exitCode: 104 }));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.007, '7µs'],
    [0.01225, '12.25µs'],
    [0.66396, '663.96µs'],
    [0.0000001, '0s'],
    [0.999999, '1ms'],
    [1.3, '1.3ms'],
    [57.6234, '57.62ms'],
    [850, '850ms'],
    [999.999, '1s'],
    [1_140, '1.14s'],
    [45_200, '45.2s'],
    [59_999, '1m0s'],
    [60_000, '1m0s'],
    [90_000, '1m30s'],
    [62_500, '1m2.5s'],
    [7_200_000, '2h0m0s'],
    [5_430_120, '1h30m30.12s'],
    [-1_500, '-1.5s'],
    [Number.NaN, 'NaN'],
  ])('writes %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each(['30s', '1m30s', '2h0m0s', '500ms', '1.5s', '250µs'])('reads back its own output %s unchanged', (text) => {
    expect(formatDuration(parseDuration(text, 'duration'))).toBe(text);
  });
});
