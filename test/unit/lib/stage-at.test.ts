import { describe, expect, it } from 'vitest';
import { stageAt } from '../../../lib/stage-at.ts';
import { spike } from '../../../phases/spike.ts';

const { stages } = spike({ baselineRate: 100, budgetMs: 120, timeScale: 1 });

describe('stageAt', () => {
  it.each([
    [-500, 'warm-up'],
    [0, 'warm-up'],
    [119_999, 'warm-up'],
    [120_000, 'steady'],
    [419_999, 'steady'],
    [420_000, 'burst'],
    [489_999, 'burst'],
    [490_000, 'recovery'],
    [1_099_999, 'recovery'],
    [1_100_000, 'recovery'],
    [1_130_000, 'recovery'],
  ])('labels %s ms into the spike as %s', (elapsedMs, label) => {
    expect(stageAt(stages, elapsedMs)).toBe(label);
  });

  it('refuses an empty stage list', () => {
    expect(() => stageAt([], 0)).toThrow('invalid stages; expected at least one stage, got []');
  });
});
