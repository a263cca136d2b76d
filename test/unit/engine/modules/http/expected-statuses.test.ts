import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_CALLBACK, expectedStatuses } from '../../../../../engine/modules/http/expected-statuses.ts';

describe('expectedStatuses', () => {
  const callback = expectedStatuses(200, 201, { min: 300, max: 304 }, 418);

  it.each([
    [200, true],
    [201, true],
    [202, false],
    [299, false],
    [300, true],
    [304, true],
    [305, false],
    [418, true],
    [404, false],
    [500, false],
    [0, false],
  ])('counts status %d as expected: %s', (status, expected) => {
    expect(callback({ status })).toBe(expected);
  });

  it('expects nothing when given no statuses', () => {
    expect(expectedStatuses()({ status: 200 })).toBe(false);
  });

  it.each<[unknown]>([[200.5], [Number.NaN], [{ min: 400, max: 300 }], [{ min: 200 }], [{ min: '200', max: 299 }], [null], ['200']])(
    'refuses the argument %j',
    (status) => {
      expect(() => expectedStatuses(status as number)).toThrow(/^invalid expectedStatuses argument .*; expected an integer status or \{ min, max \} integers$/);
    },
  );

  it('names the bad argument in the error', () => {
    expect(() => expectedStatuses(200, { min: 500, max: 400 })).toThrow('invalid expectedStatuses argument {"min":500,"max":400}');
  });
});

describe('DEFAULT_RESPONSE_CALLBACK', () => {
  it.each([
    [100, false],
    [199, false],
    [200, true],
    [204, true],
    [302, true],
    [399, true],
    [400, false],
    [404, false],
    [503, false],
  ])('counts status %d as expected: %s, as k6 does by default (200–399)', (status, expected) => {
    expect(DEFAULT_RESPONSE_CALLBACK({ status })).toBe(expected);
  });
});
