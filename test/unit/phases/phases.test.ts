import { describe, expect, it } from 'vitest';
import { MIN_STAGE_MS, PHASE_NAMES, PHASES, type PhaseName } from '../../../phases/index.ts';
import { BASE_INPUT, scenarioMs } from './phase-test-helpers.ts';

// Phase lengths at timeScale 1 (docs/runbook.md §9): smoke 5 min; the others open with a 2 min warm-up.
const PHASE_TOTAL_MS: Record<PhaseName, number> = {
  smoke: 5 * 60_000,
  ramp: 2 * 60_000 + 5 * 3 * 60_000,
  steady: 2 * 60_000 + 30 * 60_000,
  spike: 2 * 60_000 + 5 * 60_000 + 70_000 + 610_000,
  soak: 2 * 60_000 + 2 * 60 * 60_000,
};

describe('every phase profile', () => {
  it('registers exactly the five phases', () => {
    expect(PHASE_NAMES).toEqual(['smoke', 'ramp', 'steady', 'spike', 'soak']);
  });

  it.each(PHASE_NAMES)('%s lasts as long as its profile says at timeScale 1', (phase) => {
    const profile = PHASES[phase].profile(BASE_INPUT);
    expect(profile.totalMs).toBe(PHASE_TOTAL_MS[phase]);
    expect(scenarioMs(profile)).toBe(profile.totalMs);
  });

  it.each(PHASE_NAMES)('%s cuts its length into contiguous labelled stages starting at 0', (phase) => {
    const { stages, totalMs } = PHASES[phase].profile(BASE_INPUT);
    expect(stages[0]!.startMs).toBe(0);
    expect(stages.at(-1)!.endMs).toBe(totalMs);
    for (let i = 1; i < stages.length; i++) {
      expect(stages[i]!.startMs).toBe(stages[i - 1]!.endMs);
      expect(stages[i]!.label).not.toBe(stages[i - 1]!.label);
      expect(stages[i]!.startRate).toBe(stages[i - 1]!.endRate);
    }
  });

  it.each(PHASE_NAMES)('%s opens with a warm-up stage that analysis can leave out', (phase) => {
    expect(PHASES[phase].profile(BASE_INPUT).stages[0]!.label).toBe('warm-up');
  });

  it.each(PHASE_NAMES)('%s uses an open-model executor with a 1s timeUnit and the given exec', (phase) => {
    const { scenario } = PHASES[phase].profile(BASE_INPUT);
    expect(['constant-arrival-rate', 'ramping-arrival-rate']).toContain(scenario.executor);
    expect(scenario.timeUnit).toBe('1s');
    expect(scenario.exec).toBe('productGet');
  });

  it.each(PHASE_NAMES)('%s leaves exec out when none is given, so k6 runs default', (phase) => {
    const { exec: _exec, ...input } = BASE_INPUT;
    expect(PHASES[phase].profile(input).scenario).not.toHaveProperty('exec');
  });

  it.each(PHASE_NAMES)('%s sizes VUs by Little’s law for its peak rate', (phase) => {
    const profile = PHASES[phase].profile(BASE_INPUT);
    const expected = Math.max(5, Math.ceil(profile.peakRate * 0.12 * 3 - 1e-9));
    expect(profile.scenario.preAllocatedVUs).toBe(expected);
    expect(profile.scenario.maxVUs).toBe(expected * 2);
  });

  it.each(PHASE_NAMES)('%s is a pure function of its input', (phase) => {
    expect(PHASES[phase].profile(BASE_INPUT)).toEqual(PHASES[phase].profile({ ...BASE_INPUT }));
  });

  it.each(PHASE_NAMES)('%s scales every duration by timeScale', (phase) => {
    const full = PHASES[phase].profile(BASE_INPUT);
    const half = PHASES[phase].profile({ ...BASE_INPUT, timeScale: 0.5 });
    expect(half.totalMs).toBe(full.totalMs / 2);
    expect(half.stages.map((stage) => stage.endMs)).toEqual(full.stages.map((stage) => stage.endMs / 2));
    expect(scenarioMs(half)).toBe(half.totalMs);
  });

  it.each(PHASE_NAMES)('%s keeps every stage at least 1s long however small timeScale is', (phase) => {
    const profile = PHASES[phase].profile({ ...BASE_INPUT, timeScale: 0.0001 });
    for (const stage of profile.stages) expect(stage.endMs - stage.startMs).toBeGreaterThanOrEqual(MIN_STAGE_MS);
    expect(Number.isInteger(profile.totalMs)).toBe(true);
    expect(scenarioMs(profile)).toBe(profile.totalMs);
  });

  it.each(PHASE_NAMES)('%s rounds scaled durations to whole milliseconds', (phase) => {
    const profile = PHASES[phase].profile({ ...BASE_INPUT, timeScale: 0.0333 });
    for (const stage of profile.stages) expect(Number.isInteger(stage.endMs)).toBe(true);
    expect(scenarioMs(profile)).toBe(profile.totalMs);
  });

  it.each(PHASE_NAMES)('%s never runs below 1 iteration/s, even for a tiny baseline', (phase) => {
    const profile = PHASES[phase].profile({ ...BASE_INPUT, baselineRate: 0.2 });
    for (const stage of profile.stages) {
      expect(stage.startRate).toBeGreaterThanOrEqual(1);
      expect(stage.endRate).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('invalid phase inputs', () => {
  const cases = [
    ['a negative rate', { baselineRate: -5 }, 'invalid baselineRate; expected a positive number of iterations per second, got -5'],
    ['a zero rate', { baselineRate: 0 }, 'invalid baselineRate; expected a positive number of iterations per second, got 0'],
    ['a NaN rate', { baselineRate: Number.NaN }, 'invalid baselineRate; expected a positive number of iterations per second, got NaN'],
    ['an infinite rate', { baselineRate: Infinity }, 'invalid baselineRate; expected a positive number of iterations per second, got Infinity'],
    ['a rate given as text', { baselineRate: '100' as unknown as number }, 'invalid baselineRate; expected a positive number of iterations per second, got "100"'],
    ['a zero budget', { budgetMs: 0 }, 'invalid budgetMs; expected a positive latency budget in milliseconds, got 0'],
    ['a zero timeScale', { timeScale: 0 }, 'invalid timeScale; expected a number in (0, 1] that multiplies every duration, got 0'],
    ['a timeScale above 1', { timeScale: 1.5 }, 'invalid timeScale; expected a number in (0, 1] that multiplies every duration, got 1.5'],
    ['a negative timeScale', { timeScale: -0.1 }, 'invalid timeScale; expected a number in (0, 1] that multiplies every duration, got -0.1'],
    ['a headroom below 1', { headroom: 0.5 }, "invalid headroom; expected a Little's-law headroom factor of at least 1, got 0.5"],
    ['an empty exec', { exec: '' }, 'invalid exec; expected the name of a function the scenario exports, got ""'],
    ['an exec that is no identifier', { exec: 'product-get' }, 'invalid exec; expected the name of a function the scenario exports, got "product-get"'],
  ] as const;

  it.each(PHASE_NAMES.flatMap((phase) => cases.map(([what, patch, message]) => [phase, what, patch, message] as const)))(
    '%s refuses %s',
    (phase, _what, patch, message) => {
      expect(() => PHASES[phase].profile({ ...BASE_INPUT, ...patch })).toThrow(message);
    },
  );
});
