import { describe, expect, it } from 'vitest';
import { faultDelayMs, injectsError } from '../../../shop/request-faults.ts';
import { DEFAULT_SHOP_FAULTS } from '../../../shop/shop-faults.ts';

describe('faultDelayMs', () => {
  it.each([
    [{}, 2, 0],
    [{ extraLatencyMs: 50 }, 2, 50],
    [{ latencyFactor: 3 }, 2, 4],
    [{ latencyFactor: 3, extraLatencyMs: 10 }, 2, 14],
  ])('holds a response back by the right time for faults %j and a %d ms handler', (faults, handlerMs, expected) => {
    expect(faultDelayMs({ ...DEFAULT_SHOP_FAULTS, ...faults }, handlerMs)).toBe(expected);
  });
});

describe('injectsError', () => {
  it.each([
    [0, 0, false],
    [0.5, 0.49, true],
    [0.5, 0.5, false],
    [1, 0.999, true],
  ])('with errorRate %d and a draw of %d, injects an error: %s', (errorRate, draw, expected) => {
    expect(injectsError({ ...DEFAULT_SHOP_FAULTS, errorRate }, () => draw)).toBe(expected);
  });

  it('does not draw a random number when errorRate is 0, keeping the common path cheap', () => {
    let draws = 0;
    injectsError(DEFAULT_SHOP_FAULTS, () => ++draws);
    expect(draws).toBe(0);
  });
});
