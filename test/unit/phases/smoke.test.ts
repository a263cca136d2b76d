import { describe, expect, it } from 'vitest';
import { smoke } from '../../../phases/smoke.ts';
import { BASE_INPUT } from './phase-test-helpers.ts';

describe('smoke', () => {
  it('runs 5 minutes at 10% of baseline on a constant-arrival-rate executor', () => {
    expect(smoke(BASE_INPUT).scenario).toEqual({
      executor: 'constant-arrival-rate',
      rate: 10,
      timeUnit: '1s',
      duration: '5m',
      preAllocatedVUs: 5,
      maxVUs: 10,
      exec: 'productGet',
    });
  });

  it('labels the first minute warm-up and the rest steady', () => {
    expect(smoke(BASE_INPUT).stages).toEqual([
      { label: 'warm-up', startMs: 0, endMs: 60_000, startRate: 10, endRate: 10 },
      { label: 'steady', startMs: 60_000, endMs: 300_000, startRate: 10, endRate: 10 },
    ]);
  });

  it('turns 5 minutes into 6 seconds at timeScale 0.02', () => {
    const profile = smoke({ ...BASE_INPUT, timeScale: 0.02 });
    expect(profile.totalMs).toBe(6_000);
    expect(profile.scenario).toMatchObject({ duration: '6s' });
    expect(profile.stages.map((stage) => [stage.label, stage.startMs, stage.endMs])).toEqual([
      ['warm-up', 0, 1_200],
      ['steady', 1_200, 6_000],
    ]);
  });

  it.each([
    [100, 10],
    [250, 25],
    [1000, 100],
    [15, 2],
    [9, 1],
    [3, 1],
    [0.5, 1],
  ])('at a baseline of %s/s runs %s/s', (baselineRate, rate) => {
    expect(smoke({ ...BASE_INPUT, baselineRate }).scenario).toMatchObject({ rate });
  });

  it('keeps the VU floor at low rates so one slow request does not drop the next arrival', () => {
    expect(smoke({ ...BASE_INPUT, baselineRate: 1 }).scenario).toMatchObject({ preAllocatedVUs: 5, maxVUs: 10 });
  });
});
