import { describe, expect, it } from 'vitest';
import { baselineDate } from '../../../../reports/baseline/baseline-date.ts';
import { baselineStem } from '../../../../reports/baseline/baseline-stem.ts';
import type { RunFacts } from '../../../../reports/analysis/run-analysis.ts';

describe('baselineStem', () => {
  it.each([
    ['steady', '2026-11-29', 1, 'steady-2026-11-29'],
    ['smoke', '2026-01-02', 2, 'smoke-2026-01-02-2'],
    ['spike', '2026-12-31', 17, 'spike-2026-12-31-17'],
  ])('names baseline %s of %s number %i %s', (phase, date, n, stem) => {
    expect(baselineStem(phase, date, n)).toBe(stem);
  });

  it.each(['../etc', 'Steady', 'steady/x', ''])('refuses the phase %j, which cannot be part of a file name', (phase) => {
    expect(() => baselineStem(phase, '2026-11-29')).toThrow(/^invalid phase; expected a lower-case name such as "steady", got /);
  });
});

describe('baselineDate', () => {
  const run = (createdAt: string) => ({ run: { createdAt } as RunFacts });

  it.each([
    ['2026-11-29T02:16:19.412Z', '2026-11-29'],
    // A run started late in the evening west of UTC belongs to the UTC day.
    ['2026-11-29T23:30:00-05:00', '2026-11-30'],
  ])('dates a run created at %s on %s (UTC)', (createdAt, date) => {
    expect(baselineDate(run(createdAt))).toBe(date);
  });

  it('refuses a createdAt that is not a time', () => {
    expect(() => baselineDate(run('yesterday'))).toThrow(/^invalid run createdAt; expected an ISO 8601 time, got "yesterday"; check the run's plan\.json$/);
  });
});
