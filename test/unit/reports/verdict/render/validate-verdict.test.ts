import { describe, expect, it } from 'vitest';
import { validateVerdict } from '../../../../../reports/verdict/render/validate-verdict.ts';
import type { Verdict } from '../../../../../reports/verdict/verdict-document.ts';
import { passVerdict, sampleVerdict } from '../../../../fixtures/verdict/sample-verdict.ts';

/** The index of the sample's first check of a given id. */
function checkIndex(verdict: Verdict, id: string): number {
  const index = verdict.checks.findIndex((check) => check.id === id);
  if (index < 0) throw new Error(`no check ${id} in the fixture`);
  return index;
}

/** A deep copy of the block sample with one change made by `edit`. */
function broken(edit: (verdict: Record<string, any>, index: (id: string) => number) => void): unknown {
  const verdict = structuredClone(sampleVerdict());
  edit(verdict as Record<string, any>, (id) => checkIndex(verdict, id));
  return verdict;
}

describe('validateVerdict', () => {
  it.each([
    ['the blocked five-scenario run', sampleVerdict()],
    ['the passing repeated run', passVerdict()],
    ['a run without a baseline or history', passVerdict({ baseline: null, noBaselineReason: 'no smoke baseline', history: null })],
  ])('accepts %s', (_, verdict) => {
    expect(validateVerdict(structuredClone(verdict))).toEqual(verdict);
  });

  it.each([
    ['an unknown outcome', '/outcome', 'expected one of "pass", "warn", "inconclusive", "block", got "maybe"', (v: any) => (v.outcome = 'maybe')],
    ['an exit code that is not the outcome’s', '/exitCode', 'expected 1, got 0', (v: any) => (v.exitCode = 0)],
    ['a missing headline', '/', 'expected the field "headline", got none', (v: any) => delete v.headline],
    ['an unknown top-level field', '/score', 'got an unknown field "score"', (v: any) => (v.score = 3)],
    ['a check of an unknown kind', '/checks/8/data/kind', 'expected one of', (v: any, i: (id: string) => number) => (v.checks[i('budget/checkout')].data.kind = 'latency')],
    ['a budget whose p95 is text', '/checks/8/data/p95Ms', 'got "182 ms"', (v: any, i: (id: string) => number) => (v.checks[i('budget/checkout')].data.p95Ms = '182 ms')],
    ['a regression of an unsupported percentile', '/checks/16/data/percentile', 'expected one of 50, 95, got 99', (v: any, i: (id: string) => number) => (v.checks[i('regression/checkout/p95')].data.percentile = 99)],
    ['a rule whose observed count is fractional', '/checks/28/data/observed/atMost', 'expected a whole number, got 1.5', (v: any, i: (id: string) => number) => (v.checks[i('rule/gc-pauses')].data.observed.atMost = 1.5)],
    ['a rule observation of an unknown kind', '/checks/27/data/observed/kind', 'got "spike"', (v: any, i: (id: string) => number) => (v.checks[i('rule/cpu')].data.observed.kind = 'spike')],
    ['a generator check carrying a budget field', '/checks/0/data/budgetMs', 'got an unknown field "budgetMs"', (v: any) => (v.checks[0].data.budgetMs = 120)],
    ['an unknown check status', '/checks/0/status', 'got "skipped"', (v: any) => (v.checks[0].status = 'skipped')],
    ['a baseline that is text', '/baseline', 'got "steady.json"', (v: any) => (v.baseline = 'steady.json')],
    ['a run without an id', '/runs/0', 'expected the field "id", got none', (v: any) => delete v.runs[0].id],
  ])('rejects %s with one line naming %s', (_, pointer, expected, edit) => {
    const attempt = () => validateVerdict(broken(edit), 'out/steady/verdict.json');
    expect(attempt).toThrow(Error);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).not.toContain('\n');
    expect(message).toMatch(new RegExp(`^invalid ${pointer.replace(/[/]/g, '\\/')} in out/steady/verdict\\.json; expected `));
    expect(message).toContain(expected);
  });
});
