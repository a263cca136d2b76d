import { describe, expect, it } from 'vitest';
import { sizeVus } from '../../../phases/size-vus.ts';

describe('sizeVus', () => {
  it.each([
    // peak rate, budget ms, headroom, preAllocatedVUs, maxVUs
    [100, 120, 3, 36, 72],
    [500, 120, 3, 180, 360],
    [300, 120, 3, 108, 216],
    [1000, 50, 2, 100, 200],
    [101, 120, 3, 37, 74],
    [10, 120, 3, 5, 10],
    [1, 40, 3, 5, 10],
  ])('at %s/s, %s ms and headroom %s pre-allocates %s VUs and allows %s', (rate, budgetMs, headroom, pre, max) => {
    expect(sizeVus(rate, budgetMs, headroom)).toEqual({ preAllocatedVUs: pre, maxVUs: max });
  });

  it('does not round a float product such as 100 × 0.07 × 3 up to an extra VU', () => {
    expect(100 * (70 / 1000) * 3).toBeGreaterThan(21);
    expect(sizeVus(100, 70, 3).preAllocatedVUs).toBe(21);
  });
});
