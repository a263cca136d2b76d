import { describe, expect, it } from 'vitest';
import { PHASES, type PhaseName, type PhaseStage, type StageLabel } from '../../../../phases/index.ts';
import { plannedRate, targetRateBetween, targetRateOver } from '../../../../reports/analysis/target-rate.ts';

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

  it('agrees with targetRateOver across the whole plan', () => {
    expect(targetRateBetween(STAGES, 0, 20_000)).toBeCloseTo(targetRateOver(STAGES, STAGES), 9);
  });
});

/**
 * Planned iterations over seconds, worked out by hand from each phase's segments at a baseline of 100/s:
 * warm-up climbs 10 → 100/s over 2 min (55/s on average); smoke holds 10/s; ramp climbs 30 s to each
 * step of 100…300/s and holds it 150 s; spike climbs 10 s to 500/s, holds 60 s, drops over 10 s and
 * holds 100/s for 10 min. At time scale 0.05 the spike's 10 s edges become the 1 s shortest stage.
 */
const EXACT: { phase: PhaseName; timeScale: number; label: StageLabel | 'whole'; rate: number }[] = [
  { phase: 'smoke', timeScale: 1, label: 'warm-up', rate: 10 },
  { phase: 'smoke', timeScale: 1, label: 'steady', rate: 10 },
  { phase: 'smoke', timeScale: 1, label: 'whole', rate: 10 },
  { phase: 'steady', timeScale: 1, label: 'warm-up', rate: 55 },
  { phase: 'steady', timeScale: 1, label: 'steady', rate: 100 },
  { phase: 'steady', timeScale: 1, label: 'whole', rate: (6600 + 180_000) / 1920 },
  { phase: 'soak', timeScale: 1, label: 'steady', rate: 100 },
  { phase: 'soak', timeScale: 1, label: 'whole', rate: (6600 + 720_000) / 7320 },
  { phase: 'ramp', timeScale: 1, label: 'warm-up', rate: 55 },
  { phase: 'ramp', timeScale: 1, label: 'ramp', rate: (3000 + 3750 + 5250 + 6750 + 8250 + 150 * (100 + 150 + 200 + 250 + 300)) / 900 },
  { phase: 'ramp', timeScale: 1, label: 'whole', rate: (6600 + 177_000) / 1020 },
  { phase: 'spike', timeScale: 1, label: 'steady', rate: 100 },
  { phase: 'spike', timeScale: 1, label: 'burst', rate: (300 * 10 + 500 * 60) / 70 },
  { phase: 'spike', timeScale: 1, label: 'recovery', rate: (300 * 10 + 100 * 600) / 610 },
  { phase: 'spike', timeScale: 1, label: 'whole', rate: (6600 + 30_000 + 33_000 + 63_000) / 1100 },
  { phase: 'spike', timeScale: 0.05, label: 'burst', rate: (300 * 1 + 500 * 3) / 4 },
  { phase: 'spike', timeScale: 0.05, label: 'recovery', rate: (300 * 1 + 100 * 30) / 31 },
  { phase: 'spike', timeScale: 0.05, label: 'whole', rate: (330 + 1500 + 1800 + 3300) / 56 },
];

describe('plannedRate', () => {
  it.each(EXACT)('gives the $phase phase at time scale $timeScale a $label target of $rate/s, the integral of its planned rate', ({ phase, timeScale, label, rate }) => {
    const profile = PHASES[phase].profile({ baselineRate: 100, budgetMs: 100, timeScale });
    const windows = label === 'whole' ? profile.stages : profile.stages.filter((stage) => stage.label === label);
    expect(targetRateOver(plannedRate(profile.scenario, profile.stages), windows)).toBeCloseTo(rate, 9);
  });

  it('takes each labelled stage as one straight piece when the plan names no arrival-rate executor', () => {
    expect(plannedRate(undefined, STAGES)).toEqual(STAGES.map(({ startMs, endMs, startRate, endRate }) => ({ startMs, endMs, startRate, endRate })));
  });

  it('reads rates per timeUnit as rates per second', () => {
    const pieces = plannedRate({ executor: 'constant-arrival-rate', rate: 30, timeUnit: '1m', duration: '2m', preAllocatedVUs: 1, maxVUs: 1 } as never, []);
    expect(pieces).toEqual([{ startMs: 0, endMs: 120_000, startRate: 0.5, endRate: 0.5 }]);
  });
});
