import { describe, expect, it } from 'vitest';
import { judgeHistory } from '../../../../../reports/verdict/judge/judge-history.ts';
import type { HistoryEntry } from '../../../../../reports/verdict/history/index.ts';
import type { Check } from '../../../../../reports/verdict/verdict-document.ts';
import { judgedRun } from '../../../../fixtures/verdict/judged-run-fixture.ts';

const SETTINGS = { ratio: 1.3, builds: 2 };
const baseline = judgedRun({ scenarios: [{ name: 'product-get', seed: 1 }] }).doc;
const baselineP95 = baseline.scenarios[0]!.whole.latency!.p95;

/** A build's entry with a product-get p95 of `p95` ms. */
function entry(index: number, p95: number, phase = 'steady'): HistoryEntry {
  return {
    schemaVersion: 1,
    build: `ci-${1000 + index}`,
    createdAt: new Date(Date.UTC(2026, 10, 1 + index, 5)).toISOString(),
    commit: null,
    phase,
    scenarios: [{ name: 'product-get', p50: p95 / 2.2, p95, p99: p95 * 1.4, count: 6000, errorRate: 0.0004 }],
  };
}

/** `p95s` as earlier entries and a candidate (the last). */
function series(p95s: number[]) {
  const entries = p95s.map((p95, index) => entry(index, p95));
  return { earlier: entries.slice(0, -1), candidate: entries.at(-1)! };
}

const byKind = (checks: Check[], kind: string) => checks.find((check) => check.data.kind === kind)!;

describe('judgeHistory: p95 over consecutive builds', () => {
  it('blocks when the last 2 builds are each at least 1.3 × the baseline p95', () => {
    const { earlier, candidate } = series([baselineP95, baselineP95 * 1.31, baselineP95 * 1.35]);
    const check = byKind(judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS), 'consecutive');
    expect(check.status).toBe('block');
    expect(check.action).toBe('p95 rose +30% over 2 consecutive builds: block the merge and find the change');
    expect(check.data).toMatchObject({ kind: 'consecutive', referenceP95Ms: baselineP95, streakP95Ms: [baselineP95 * 1.31, baselineP95 * 1.35] });
  });

  it('passes when only the candidate has risen: one slow build is not a streak', () => {
    const { earlier, candidate } = series([baselineP95, baselineP95 * 1.02, baselineP95 * 1.5]);
    expect(byKind(judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS), 'consecutive').status).toBe('pass');
  });

  it('falls back to the median of the builds before the streak without a baseline of the phase', () => {
    const { earlier, candidate } = series([10, 11, 10.5, 14, 14.2]);
    const check = byKind(judgeHistory(earlier, candidate, null, 'product-get', SETTINGS), 'consecutive');
    expect(check.status).toBe('block');
    expect(check.data).toMatchObject({ referenceP95Ms: 10.5 });
    expect(check.summary).toContain('median of earlier builds');
  });

  it('is not evaluated with fewer builds than the streak needs, and says how many it has', () => {
    const check = byKind(judgeHistory([], entry(0, baselineP95 * 2), baseline, 'product-get', SETTINGS), 'consecutive');
    expect(check.status).toBe('not-evaluated');
    expect(check.summary).toContain('the history has 1 of the 2 builds needed');
  });

  it('is not evaluated when this build recorded no p95, rather than passing on the earlier builds alone', () => {
    const earlier = [entry(0, baselineP95 * 1.4), entry(1, baselineP95 * 1.45)];
    const candidate = { ...entry(2, 0), scenarios: [{ name: 'product-get', p50: null, p95: null, p99: null, count: 0, errorRate: 0 }] };
    const check = byKind(judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS), 'consecutive');
    expect(check.status).toBe('not-evaluated');
    expect(check.summary).toContain('this build recorded no p95 for product-get');
  });

  it('is not evaluated without a reference: no baseline and no build before the streak', () => {
    const { earlier, candidate } = series([30, 40]);
    const check = byKind(judgeHistory(earlier, candidate, null, 'product-get', SETTINGS), 'consecutive');
    expect(check.status).toBe('not-evaluated');
    expect(check.summary).toContain('no reference p95');
  });
});

describe('judgeHistory: change points', () => {
  // A step of +17% after six builds, with a little build-to-build noise: under the +30% streak rule.
  const jitter = [0.2, -0.15, 0.1, -0.25, 0.05, 0.15, -0.1, 0.2, -0.05, 0.1, -0.2, 0.1];
  const step = jitter.map((noise, index) => (index < 6 ? 18 : 21) + noise);

  it('warns of a step up in a series of 12 builds and names the first build after it', () => {
    const { earlier, candidate } = series(step);
    const checks = judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS);
    const check = byKind(checks, 'change-point');
    expect(check.status).toBe('warn');
    expect(check.data).toMatchObject({ kind: 'change-point', builds: 12, changedAtBuild: 'ci-1006' });
    const data = check.data as { pValue: number; meanBeforeMs: number; meanAfterMs: number };
    expect(data.pValue).toBeLessThan(0.05);
    expect(data.meanBeforeMs).toBeCloseTo(18, 0);
    expect(data.meanAfterMs).toBeCloseTo(21, 0);
    expect(byKind(checks, 'consecutive').status).toBe('pass');
  });

  it('does not warn of a step down', () => {
    const { earlier, candidate } = series(step.map((p95) => 40 - p95));
    expect(byKind(judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS), 'change-point').status).toBe('pass');
  });

  it('passes a flat noisy series', () => {
    const { earlier, candidate } = series(jitter.map((noise) => 18 + noise));
    expect(byKind(judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS), 'change-point').status).toBe('pass');
  });

  it('is not evaluated under 10 builds, and says how many it has', () => {
    const { earlier, candidate } = series(step.slice(0, 9));
    const check = byKind(judgeHistory(earlier, candidate, baseline, 'product-get', SETTINGS), 'change-point');
    expect(check.status).toBe('not-evaluated');
    expect(check.summary).toBe('change points need 10 builds with a p95; the history has 9');
  });
});
