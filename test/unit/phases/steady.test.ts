import { describe, expect, it } from 'vitest';
import { steady } from '../../../phases/steady.ts';
import { BASE_INPUT } from './phase-test-helpers.ts';

describe('steady', () => {
  it('warms up for 2 min, then holds the baseline for 30 min', () => {
    expect(steady(BASE_INPUT).scenario).toEqual({
      executor: 'ramping-arrival-rate',
      startRate: 10,
      timeUnit: '1s',
      stages: [
        { duration: '2m', target: 100 },
        { duration: '30m', target: 100 },
      ],
      preAllocatedVUs: 36,
      maxVUs: 72,
      exec: 'productGet',
    });
  });

  it('labels warm-up and a steady window at the baseline', () => {
    expect(steady(BASE_INPUT).stages).toEqual([
      { label: 'warm-up', startMs: 0, endMs: 120_000, startRate: 10, endRate: 100 },
      { label: 'steady', startMs: 120_000, endMs: 1_920_000, startRate: 100, endRate: 100 },
    ]);
  });

  it.each([
    // rate, budget ms, headroom, preAllocatedVUs: ceil(rate × budget/1000 × headroom), at least 5
    [100, 120, 3, 36],
    [100, 180, 3, 54],
    [100, 40, 3, 12],
    [200, 150, 2, 60],
    [20, 50, 3, 5],
  ])('at %s/s with a %s ms budget and headroom %s pre-allocates %s VUs', (baselineRate, budgetMs, headroom, vus) => {
    expect(steady({ baselineRate, budgetMs, headroom, timeScale: 1 }).scenario).toMatchObject({
      preAllocatedVUs: vus,
      maxVUs: vus * 2,
    });
  });
});
