import { describe, expect, it } from 'vitest';
import type { ScenarioConfig } from '../../../../engine/executors/executor-types.ts';
import { normalizeOptions } from '../../../../engine/options/normalize-options.ts';
import { plannedDurationMs, ProgressReporter, targetRateAt, type SecondTotals } from '../../../../engine/run/progress-reporter.ts';

const scenarios = (definitions: Record<string, Record<string, unknown>>): ScenarioConfig[] =>
  normalizeOptions({ scenarios: definitions }, {}, () => undefined).scenarios;

describe('targetRateAt', () => {
  const constant = scenarios({
    steady: { executor: 'constant-arrival-rate', rate: 100, duration: '30s', startTime: '10s', preAllocatedVUs: 1 },
  });
  it.each([
    [0, 0],
    [9_999, 0],
    [10_000, 100],
    [25_000, 100],
    [39_999, 100],
    [40_000, 0],
  ])('aims a constant 100/s scenario that starts at 10 s at %d ms for %d/s', (elapsedMs, expected) => {
    expect(targetRateAt(constant, elapsedMs)).toBe(expected);
  });

  it('converts a rate per minute into a rate per second', () => {
    const perMinute = scenarios({ slow: { executor: 'constant-arrival-rate', rate: 30, timeUnit: '1m', duration: '1m', preAllocatedVUs: 1 } });
    expect(targetRateAt(perMinute, 1000)).toBe(0.5);
  });

  const ramping = scenarios({
    ramp: {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      startTime: '5s',
      stages: [
        { duration: '10s', target: 100 },
        { duration: '10s', target: 100 },
        { duration: '10s', target: 0 },
        { duration: '5s', target: 40 },
      ],
      preAllocatedVUs: 1,
    },
  });
  it.each([
    [0, 0], // not started
    [5_000, 0],
    [10_000, 50], // halfway up the first ramp
    [14_000, 90],
    [15_000, 100],
    [24_999, 100],
    [30_000, 50], // halfway down
    [35_000, 0],
    [37_500, 20],
    [40_000, 0], // after the last stage
  ])('follows a ramping scenario\u2019s stages linearly: at %d ms it aims for %d/s', (elapsedMs, expected) => {
    expect(targetRateAt(ramping, elapsedMs)).toBeCloseTo(expected, 9);
  });

  it('adds up the targets of open-model scenarios running at the same time', () => {
    const both = scenarios({
      a: { executor: 'constant-arrival-rate', rate: 20, duration: '1m', preAllocatedVUs: 1 },
      b: { executor: 'ramping-arrival-rate', startRate: 10, stages: [{ duration: '10s', target: 30 }], preAllocatedVUs: 1 },
      c: { executor: 'constant-vus', vus: 50, duration: '1m' },
    });
    expect(targetRateAt(both, 5_000)).toBe(40); // 20 + 20, and nothing from the closed-model scenario
    expect(targetRateAt(both, 20_000)).toBe(20);
  });

  it('has no target when every scenario is closed-model', () => {
    const closed = scenarios({
      a: { executor: 'constant-vus', vus: 5, duration: '1m' },
      b: { executor: 'ramping-vus', stages: [{ duration: '10s', target: 3 }] },
    });
    expect(targetRateAt(closed, 1000)).toBeUndefined();
  });
});

describe('plannedDurationMs', () => {
  it.each<[string, Record<string, Record<string, unknown>>, number]>([
    ['a constant-vus scenario', { a: { executor: 'constant-vus', duration: '30s' } }, 30_000],
    ['a late constant-arrival-rate scenario', { a: { executor: 'constant-arrival-rate', rate: 1, duration: '1m', startTime: '30s', preAllocatedVUs: 1 } }, 90_000],
    ['a ramping-vus scenario', { a: { executor: 'ramping-vus', startTime: '5s', stages: [{ duration: '10s', target: 5 }, { duration: '20s', target: 0 }] } }, 35_000],
    ['a ramping-arrival-rate scenario', { a: { executor: 'ramping-arrival-rate', stages: [{ duration: '1m', target: 5 }, { duration: '30s', target: 0 }], preAllocatedVUs: 1 } }, 90_000],
    ['shared-iterations, by its maxDuration', { a: { executor: 'shared-iterations', maxDuration: '1m' } }, 60_000],
    ['per-vu-iterations, by the 10m default maxDuration', { a: { executor: 'per-vu-iterations' } }, 600_000],
    [
      'the latest of several scenarios',
      {
        early: { executor: 'constant-vus', duration: '50s' },
        late: { executor: 'constant-vus', duration: '20s', startTime: '40s' },
        middle: { executor: 'constant-vus', duration: '10s', startTime: '30s' },
      },
      60_000,
    ],
  ])('plans %s', (_name, definitions, expected) => {
    expect(plannedDurationMs(scenarios(definitions))).toBe(expected);
  });

  it('plans nothing for no scenarios', () => {
    expect(plannedDurationMs([])).toBe(0);
  });
});

describe('ProgressReporter', () => {
  const totals = (overrides: Partial<SecondTotals> = {}): SecondTotals => ({
    iterations: 100,
    requests: 100,
    failedRequests: 0,
    dropped: 0,
    vusActive: 4,
    vusMax: 10,
    ...overrides,
  });

  it('prints a line every 5 seconds with the run totals so far and the target rate', () => {
    const lines: string[] = [];
    const reporter = new ProgressReporter(scenarios({ s: { executor: 'constant-arrival-rate', rate: 100, duration: '10s', preAllocatedVUs: 10 } }), 10_000, (line) => lines.push(line));
    for (let second = 0; second < 10; second++) reporter.second(second, totals({ failedRequests: second === 2 ? 3 : 0, dropped: second === 7 ? 5 : 0 }));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^running 5s\/10s +rate 100\/s \(target 100\/s\) +VUs 4\/10 +iterations 500 +errors 0\.60% \(3\) +dropped 0$/);
    expect(lines[1]).toMatch(/^running 10s\/10s +rate 100\/s \(target 100\/s\) +VUs 4\/10 +iterations 1000 +errors 0\.30% \(3\) +dropped 5$/);
  });

  it('prints nothing for runs shorter than 5 seconds', () => {
    const lines: string[] = [];
    const reporter = new ProgressReporter(scenarios({ s: { executor: 'constant-vus', duration: '4s' } }), 4_000, (line) => lines.push(line));
    for (let second = 0; second < 5; second++) reporter.second(second, totals());
    expect(lines).toEqual([]);
  });

  it('leaves the target out when no scenario is open-model', () => {
    const lines: string[] = [];
    const reporter = new ProgressReporter(scenarios({ s: { executor: 'constant-vus', duration: '5s' } }), 5_000, (line) => lines.push(line));
    for (let second = 0; second < 5; second++) reporter.second(second, totals({ requests: 0, iterations: 7 }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/rate 7\/s +VUs/);
    expect(lines[0]).toMatch(/errors 0\.00% \(0\)/);
  });
});
