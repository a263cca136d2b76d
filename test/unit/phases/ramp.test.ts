import { describe, expect, it } from 'vitest';
import { ramp } from '../../../phases/ramp.ts';
import { BASE_INPUT, durationMs, rateStages } from './phase-test-helpers.ts';

describe('ramp', () => {
  it('warms up from 10% of baseline to the baseline, then steps from 1x to 3x baseline', () => {
    const profile = ramp(BASE_INPUT);
    expect(profile.scenario).toMatchObject({ executor: 'ramping-arrival-rate', startRate: 10 });
    expect(rateStages(profile).map((stage) => stage.target)).toEqual([100, 100, 100, 150, 150, 200, 200, 250, 250, 300, 300]);
  });

  it('climbs each step over 30s and holds it for 2.5 min', () => {
    const stages = rateStages(ramp(BASE_INPUT));
    expect(durationMs(stages[0]!.duration)).toBe(120_000);
    for (let i = 1; i < stages.length; i += 2) {
      expect(stages[i]!.duration).toBe('30s');
      expect(stages[i + 1]!.duration).toBe('2m30s');
      expect(stages[i + 1]!.target).toBe(stages[i]!.target);
    }
  });

  it('never lowers the rate on the way up', () => {
    const targets = rateStages(ramp(BASE_INPUT)).map((stage) => stage.target);
    expect(targets).toEqual([...targets].sort((a, b) => a - b));
  });

  it('peaks at 3x baseline and sizes VUs for that peak', () => {
    const profile = ramp(BASE_INPUT);
    expect(profile.peakRate).toBe(300);
    // 300/s × 0.12 s × 3 = 108 VUs busy at the budget with headroom.
    expect(profile.scenario).toMatchObject({ preAllocatedVUs: 108, maxVUs: 216 });
  });

  it('labels the warm-up and one ramp window ending at 3x', () => {
    expect(ramp(BASE_INPUT).stages).toEqual([
      { label: 'warm-up', startMs: 0, endMs: 120_000, startRate: 10, endRate: 100 },
      { label: 'ramp', startMs: 120_000, endMs: 1_020_000, startRate: 100, endRate: 300 },
    ]);
  });

  it('stretches the 30s climbs to 1s, not less, when time-scaled hard', () => {
    const stages = rateStages(ramp({ ...BASE_INPUT, timeScale: 0.02 }));
    expect(stages.map((stage) => stage.duration)).toEqual([
      '2s400ms', '1s', '3s', '1s', '3s', '1s', '3s', '1s', '3s', '1s', '3s',
    ]);
  });
});
