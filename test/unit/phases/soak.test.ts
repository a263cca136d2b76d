import { describe, expect, it } from 'vitest';
import { soak } from '../../../phases/soak.ts';
import { BASE_INPUT, rateStages } from './phase-test-helpers.ts';

describe('soak', () => {
  it('warms up, then holds the baseline for 2 hours', () => {
    expect(rateStages(soak(BASE_INPUT))).toEqual([
      { duration: '2m', target: 100 },
      { duration: '2h', target: 100 },
    ]);
    expect(soak(BASE_INPUT).totalMs).toBe(7_320_000);
  });

  it('labels one long steady window after warm-up', () => {
    expect(soak(BASE_INPUT).stages.map((stage) => [stage.label, stage.startMs, stage.endMs])).toEqual([
      ['warm-up', 0, 120_000],
      ['steady', 120_000, 7_320_000],
    ]);
  });

  it('fits in about 2.5 minutes at timeScale 0.02', () => {
    expect(soak({ ...BASE_INPUT, timeScale: 0.02 }).totalMs).toBe(146_400);
  });
});
