import { describe, expect, it } from 'vitest';
import { spike } from '../../../phases/spike.ts';
import { BASE_INPUT, durationMs, rateStages } from './phase-test-helpers.ts';

describe('spike', () => {
  it('holds the baseline, bursts to 5x within 10s, holds 1 min, then drops back for 10 min', () => {
    expect(rateStages(spike(BASE_INPUT))).toEqual([
      { duration: '2m', target: 100 },
      { duration: '5m', target: 100 },
      { duration: '10s', target: 500 },
      { duration: '1m', target: 500 },
      { duration: '10s', target: 100 },
      { duration: '10m', target: 100 },
    ]);
  });

  it('labels steady, burst and recovery windows with their rates', () => {
    expect(spike(BASE_INPUT).stages).toEqual([
      { label: 'warm-up', startMs: 0, endMs: 120_000, startRate: 10, endRate: 100 },
      { label: 'steady', startMs: 120_000, endMs: 420_000, startRate: 100, endRate: 100 },
      { label: 'burst', startMs: 420_000, endMs: 490_000, startRate: 100, endRate: 500 },
      { label: 'recovery', startMs: 490_000, endMs: 1_100_000, startRate: 500, endRate: 100 },
    ]);
  });

  it.each([
    [100, 500],
    [7, 35],
    [40, 200],
    [2.5, 13],
  ])('at a baseline of %s/s bursts to %s/s', (baselineRate, burst) => {
    const profile = spike({ ...BASE_INPUT, baselineRate });
    const burstStage = profile.stages.find((stage) => stage.label === 'burst')!;
    expect(burstStage.endRate).toBe(burst);
    expect(profile.peakRate).toBe(burst);
  });

  it('gives recovery at least as long as the steady window before the burst, to see latency settle', () => {
    const [, before, , recovery] = spike(BASE_INPUT).stages;
    expect(recovery!.endMs - recovery!.startMs).toBeGreaterThanOrEqual(before!.endMs - before!.startMs);
  });

  it('sizes VUs for the burst, not the baseline', () => {
    // 500/s × 0.12 s × 3 = 180.
    expect(spike(BASE_INPUT).scenario).toMatchObject({ preAllocatedVUs: 180, maxVUs: 360 });
  });

  it('keeps the burst edges at 1s when time-scaled to 2%', () => {
    const stages = rateStages(spike({ ...BASE_INPUT, timeScale: 0.02 }));
    expect(stages.map((stage) => durationMs(stage.duration))).toEqual([2_400, 6_000, 1_000, 1_200, 1_000, 12_000]);
  });
});
