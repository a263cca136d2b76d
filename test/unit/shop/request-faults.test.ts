import { describe, expect, it } from 'vitest';
import { DEPENDENCY_SIGMA, dependencyWaitMs, faultDelayMs, injectsError } from '../../../shop/request-faults.ts';
import { seededRandom } from '../../../lib/seeded-random.ts';
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

  it('multiplies the simulated dependency wait by latencyFactor, as a whole-service slowdown', () => {
    // Draws of 0.5 then 0.25: the normal is √(2 ln 2)·cos(π/2) = 0, so the wait is exactly the median.
    const draws = () => {
      const values = [0.5, 0.25];
      return () => values.shift()!;
    };
    expect(faultDelayMs({ ...DEFAULT_SHOP_FAULTS, dependencyMs: 10 }, 2, draws())).toBeCloseTo(10, 9);
    expect(faultDelayMs({ ...DEFAULT_SHOP_FAULTS, dependencyMs: 10, latencyFactor: 1.2 }, 2, draws())).toBeCloseTo(12 * 1.2 - 2, 9);
  });
});

describe('dependencyWaitMs', () => {
  it('is 0 without drawing when the median is 0', () => {
    expect(dependencyWaitMs(0, () => Number.NaN)).toBe(0);
  });

  it('draws a lognormal wait with the given median and a p95 of about median × e^(1.645 σ)', () => {
    const random = seededRandom(7);
    const waits = Array.from({ length: 40_000 }, () => dependencyWaitMs(5, random)).sort((a, b) => a - b);
    expect(waits[20_000]!).toBeCloseTo(5, 0);
    expect(waits[38_000]! / (5 * Math.exp(1.645 * DEPENDENCY_SIGMA))).toBeGreaterThan(0.95);
    expect(waits[38_000]! / (5 * Math.exp(1.645 * DEPENDENCY_SIGMA))).toBeLessThan(1.05);
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
