import { describe, expect, it } from 'vitest';
import { decideOutcome } from '../../../../../reports/verdict/judge/decide-outcome.ts';
import type { Check, CheckStatus } from '../../../../../reports/verdict/verdict-document.ts';

const check = (status: CheckStatus, index: number): Check => ({
  id: `budget/scenario-${index}`,
  status,
  summary: `scenario-${index} was ${status}`,
  data: { kind: 'budget', scenario: `scenario-${index}`, p95Ms: 10, budgetMs: 120, samples: 5000, perRunP95Ms: [10] },
});
const checks = (statuses: CheckStatus[]) => statuses.map(check);

describe('decideOutcome', () => {
  it.each([
    { statuses: [], outcome: 'pass', exitCode: 0 },
    { statuses: ['pass', 'warn', 'pass'], outcome: 'warn', exitCode: 0 },
    { statuses: ['warn', 'inconclusive', 'pass'], outcome: 'inconclusive', exitCode: 3 },
    { statuses: ['inconclusive', 'block', 'warn'], outcome: 'block', exitCode: 1 },
    { statuses: ['block', 'pass'], outcome: 'block', exitCode: 1 },
    { statuses: ['not-evaluated', 'not-evaluated'], outcome: 'pass', exitCode: 0 },
    { statuses: ['warn', 'not-evaluated'], outcome: 'warn', exitCode: 0 },
  ] as { statuses: CheckStatus[]; outcome: string; exitCode: number }[])('gives $outcome (exit $exitCode) for $statuses', ({ statuses, outcome, exitCode }) => {
    expect(decideOutcome(checks(statuses))).toMatchObject({ outcome, exitCode });
  });

  it('counts passes and the checks not evaluated in a passing headline', () => {
    expect(decideOutcome(checks(['pass', 'not-evaluated', 'pass'])).headline).toBe('pass: 2 checks passed (1 not evaluated)');
  });

  it('names only the checks that decided the outcome, up to three, and counts the rest', () => {
    const { headline } = decideOutcome(checks(['warn', 'block', 'block', 'block', 'block', 'inconclusive']));
    expect(headline).toBe(
      'block: budget/scenario-1: scenario-1 was block; budget/scenario-2: scenario-2 was block; budget/scenario-3: scenario-3 was block; and 1 more',
    );
  });
});
