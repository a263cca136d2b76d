import { describe, expect, it } from 'vitest';
import type { PhaseStage } from '../../../../phases/index.ts';
import { targetRate, targetRateBetween } from '../../../../reports/analysis/target-rate.ts';

const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 10_000, startRate: 0, endRate: 100 },
  { label: 'steady', startMs: 10_000, endMs: 20_000, startRate: 100, endRate: 100 },
];

describe('targetRateBetween', () => {
  it.each([
    { name: 'the first second of a ramp', fromMs: 0, toMs: 1000, rate: 5 },
    { name: 'the whole ramp', fromMs: 0, toMs: 10_000, rate: 50 },
    { name: 'a window across the ramp and the hold', fromMs: 9000, toMs: 11_000, rate: (95 + 100) / 2 },
    { name: 'the hold', fromMs: 12_000, toMs: 17_000, rate: 100 },
    { name: 'a window half after the plan', fromMs: 19_000, toMs: 21_000, rate: 50 },
    { name: 'an empty window', fromMs: 5000, toMs: 5000, rate: 0 },
  ])('is the mean planned rate over $name', ({ fromMs, toMs, rate }) => {
    expect(targetRateBetween(STAGES, fromMs, toMs)).toBeCloseTo(rate, 9);
  });

  it('agrees with targetRate over the whole plan', () => {
    expect(targetRateBetween(STAGES, 0, 20_000)).toBeCloseTo(targetRate(STAGES), 9);
  });
});
