import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../../lib/config.ts';
import { validateBaseline } from '../../../../../reports/baseline/index.ts';
import { historyEntryOf, judgeVerdict, type JudgeInput, type JudgedRun } from '../../../../../reports/verdict/judge/index.ts';
import type { HistoryEntry } from '../../../../../reports/verdict/history/index.ts';
import { validateVerdict } from '../../../../../reports/verdict/render/index.ts';
import type { Check, RegressionCheck, Verdict } from '../../../../../reports/verdict/verdict-document.ts';
import { judgedRun, type ScenarioShape } from '../../../../fixtures/verdict/judged-run-fixture.ts';
import { saturation } from '../rules/server-sample-fixture.ts';

const NOW = new Date('2026-12-01T05:30:00.000Z');
const SETTINGS: JudgeInput['settings'] = {
  regressionThreshold: DEFAULT_CONFIG.verdict.regressionThreshold,
  consecutive: DEFAULT_CONFIG.verdict.consecutive,
  rules: DEFAULT_CONFIG.verdict.rules,
};
const SCENARIO = 'product-get';

const run = (shape: Partial<ScenarioShape> & { seed: number }, options: Omit<Parameters<typeof judgedRun>[0], 'scenarios'> = {}) =>
  judgedRun({ ...options, scenarios: [{ name: SCENARIO, ...shape }] });
const BASELINE = run({ seed: 1 }).doc;
const withBaseline = (doc = BASELINE) => ({ file: 'docs/perf/baselines/steady-2026-11-29.json', doc });

/** Judges and checks the verdict against verdict.schema.json, as the verdict script does before writing it. */
function judge(runs: JudgedRun[], input: Partial<JudgeInput> = {}): Verdict {
  return validateVerdict(judgeVerdict({ runs, baseline: withBaseline(), settings: SETTINGS, history: null, now: NOW, ...input }));
}

const checkOf = (verdict: Verdict, id: string): Check => {
  const found = verdict.checks.find((check) => check.id === id);
  if (!found) throw new Error(`no check ${id} in ${verdict.checks.map((check) => check.id).join(', ')}`);
  return found;
};
const regression = (verdict: Verdict, percentile: 50 | 95) => {
  const check = checkOf(verdict, `regression/${SCENARIO}/p${percentile}`);
  return { status: check.status, summary: check.summary, ...(check.data as RegressionCheck) };
};

describe('the judged-run fixture', () => {
  it('builds documents the baseline schema accepts, with whole-run stats from the same samples as the windows', () => {
    const doc = validateBaseline(run({ seed: 7, latencyScale: 1.3 }).doc, 'fixture', 'fix the fixture');
    const scenario = doc.scenarios[0]!;
    expect(scenario.histograms.windows.map((window) => window.second)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(scenario.whole.latency!.count).toBe(6000);
    // Lognormal with median 8 ms and σ 0.5, times 1.3: p50 ≈ 10.4 ms, p95 ≈ 8 · e^(1.645 · 0.5) · 1.3 ≈ 23.7 ms.
    expect(scenario.whole.latency!.p50).toBeCloseTo(10.4, 0);
    expect(scenario.whole.latency!.p95).toBeGreaterThan(22);
    expect(scenario.whole.latency!.p95).toBeLessThan(25.5);
  });
});

describe('judgeVerdict against a baseline', () => {
  it('passes an A/A comparison: same distribution, other seeds', () => {
    for (const seed of [2, 3]) {
      const verdict = judge([run({ seed })]);
      expect(regression(verdict, 95).status).toBe('pass');
      expect(regression(verdict, 50).status).toBe('pass');
      expect(regression(verdict, 95).ratio).toBeCloseTo(1, 1);
      expect(verdict).toMatchObject({ outcome: 'pass', exitCode: 0 });
      expect(verdict.baseline!.caveats).toEqual([]);
      expect(verdict.checks.map((check) => check.id)).toEqual([
        'generator/product-get', 'budget/product-get', 'regression/product-get/p95', 'regression/product-get/p50',
        'error-rate/product-get', 'rule/error-rate', 'rule/kafka-lag', 'rule/cpu', 'rule/gc-pauses',
      ]);
    }
  });

  it('blocks a 30% slowdown on p95 and names the check in the headline', () => {
    const verdict = judge([run({ seed: 2, latencyScale: 1.3 })]);
    const p95 = regression(verdict, 95);
    expect(p95.status).toBe('block');
    expect(p95.ratio).toBeGreaterThan(1.25);
    expect(p95.ratio).toBeLessThan(1.35);
    expect(p95.low).toBeGreaterThan(1.2);
    expect(p95).toMatchObject({ candidateSamples: 5000, baselineSamples: 5000, candidateWindows: 10, baselineWindows: 10, thresholdRatio: 1.2 });
    expect(p95.candidateMs! / p95.baselineMs!).toBeCloseTo(p95.ratio!, 10);
    expect(regression(verdict, 50).status).toBe('block');
    expect(verdict).toMatchObject({ outcome: 'block', exitCode: 1 });
    expect(verdict.headline).toMatch(/^block: regression\/product-get\/p95: /);
  });

  it('warns, not blocks, on a 12% slowdown: confirmed by the interval but under the threshold', () => {
    const verdict = judge([run({ seed: 2, latencyScale: 1.12 })]);
    const p95 = regression(verdict, 95);
    expect(p95.status).toBe('warn');
    expect(p95.ratio).toBeGreaterThan(1.05);
    expect(p95.ratio).toBeLessThan(1.2);
    expect(p95.low).toBeGreaterThan(1);
    expect(verdict).toMatchObject({ outcome: 'warn', exitCode: 0 });
  });

  it('makes no regression or error-rate check without a baseline, and keeps the reason', () => {
    const reason = 'no baseline of phase steady in docs/perf/baselines';
    const verdict = judge([run({ seed: 2, latencyScale: 1.3 })], { baseline: null, noBaselineReason: reason });
    expect(verdict.checks.filter((check) => /^(regression|error-rate)\//.test(check.id))).toEqual([]);
    expect(verdict).toMatchObject({ baseline: null, noBaselineReason: reason, outcome: 'pass', exitCode: 0 });
    expect(judge([run({ seed: 2 })], { baseline: null }).noBaselineReason).toBe('no baseline was given');
  });
});

describe('judgeVerdict: budgets', () => {
  it('blocks a p95 over the scenario budget and says by how much', () => {
    const verdict = judge([run({ seed: 2, budgetP95Ms: 15 })]);
    const budget = checkOf(verdict, 'budget/product-get');
    const p95 = (budget.data as { p95Ms: number }).p95Ms;
    expect(budget.status).toBe('block');
    expect(p95).toBeGreaterThan(15);
    expect(budget.summary).toBe(`p95 ${p95.toFixed(1)} ms against a budget of 15.0 ms: over budget by ${(p95 - 15).toFixed(1)} ms`);
    expect(budget.action).toBe('find the slow path (report.md: slowest traced requests) before merging');
    expect(verdict).toMatchObject({ outcome: 'block', exitCode: 1 });
  });

  it('passes a p95 within budget', () => {
    const budget = checkOf(judge([run({ seed: 2, budgetP95Ms: 120 })]), 'budget/product-get');
    expect(budget.status).toBe('pass');
    expect(budget.data).toMatchObject({ budgetMs: 120, samples: 6000 });
    expect(budget.summary).toMatch(/: within budget$/);
  });

  it('is not evaluated for a scenario without a budget', () => {
    expect(checkOf(judge([run({ seed: 2, budgetP95Ms: null })]), 'budget/product-get').status).toBe('not-evaluated');
  });
});

describe('judgeVerdict: too few samples', () => {
  it('calls budget and regression inconclusive on 3 windows of 100 samples (exit 3)', () => {
    const verdict = judge([run({ seed: 2, windows: 3, perWindow: 100 })]);
    const budget = checkOf(verdict, 'budget/product-get');
    expect(budget.status).toBe('inconclusive');
    expect(budget.data).toMatchObject({ samples: 300 });
    expect(budget.summary).toContain('only 300 samples, a p95 needs 2000');
    // Only the window at second 10 is past the 10 s warm-up.
    expect(regression(verdict, 95)).toMatchObject({ status: 'inconclusive', candidateSamples: 100, ratio: null });
    expect(regression(verdict, 50)).toMatchObject({ status: 'inconclusive', candidateSamples: 100 });
    expect(regression(verdict, 50).summary).toContain('a p50 needs 200');
    expect(verdict).toMatchObject({ outcome: 'inconclusive', exitCode: 3 });
  });

  it('calls the comparison inconclusive when the baseline is the short side', () => {
    const short = run({ seed: 1, windows: 4, perWindow: 300 }).doc;
    const verdict = judge([run({ seed: 2 })], { baseline: withBaseline(short) });
    expect(regression(verdict, 95)).toMatchObject({ status: 'inconclusive', baselineSamples: 600 });
    expect(regression(verdict, 95).summary).toContain('the baseline has 600 samples');
    expect(regression(verdict, 50).status).toBe('pass');
  });
});

describe('judgeVerdict: the load generator', () => {
  const errors = { failed: 30, total: 5000 };
  const errorBaseline = run({ seed: 1, errors: { failed: 2, total: 5000 } }).doc;

  it.each([
    { what: '10 of 6,010 iterations dropped (0.17%)', shape: { droppedIterations: 10 } },
    { what: '95% of the target rate achieved', shape: { achievedRatio: 0.95 } },
  ])('makes latency checks inconclusive but still judges the error rate: $what', ({ shape }) => {
    const verdict = judge([run({ seed: 2, latencyScale: 1.3, errors, ...shape })], { baseline: withBaseline(errorBaseline) });
    expect(checkOf(verdict, 'generator/product-get').status).toBe('inconclusive');
    expect(checkOf(verdict, 'generator/product-get').action).toContain('--workers');
    expect(checkOf(verdict, 'budget/product-get').status).toBe('inconclusive');
    expect(regression(verdict, 95).status).toBe('inconclusive');
    expect(regression(verdict, 50).status).toBe('inconclusive');
    expect(checkOf(verdict, 'error-rate/product-get').status).toBe('warn');
    expect(verdict).toMatchObject({ outcome: 'inconclusive', exitCode: 3 });
  });

  it('keeps up at 6 of 6,006 iterations dropped, just under 0.1%', () => {
    const verdict = judge([run({ seed: 2, droppedIterations: 6, achievedRatio: 0.995 })]);
    expect(checkOf(verdict, 'generator/product-get')).toMatchObject({ status: 'pass', data: { achievedRatio: 0.995 } });
    expect((checkOf(verdict, 'generator/product-get').data as { droppedRatio: number }).droppedRatio).toBeCloseTo(6 / 6006, 8);
    expect(regression(verdict, 95).status).toBe('pass');
  });

  it('judges only the scenario whose generator fell behind as inconclusive', () => {
    const two = (seed: number, dropped: number) =>
      judgedRun({ scenarios: [{ name: 'product-get', seed, droppedIterations: dropped }, { name: 'cart-add', seed: seed + 100 }] });
    const verdict = judge([two(2, 60)], { baseline: withBaseline(two(1, 0).doc) });
    expect(checkOf(verdict, 'budget/product-get').status).toBe('inconclusive');
    expect(checkOf(verdict, 'generator/cart-add').status).toBe('pass');
    expect(checkOf(verdict, 'budget/cart-add').status).toBe('pass');
    expect(checkOf(verdict, 'regression/cart-add/p95').status).toBe('pass');
  });
});

describe('judgeVerdict: a target too slow for the VU pool, or a generator short of CPU', () => {
  // 6,000 iterations at 100/s were sent; 3,524 more (37% of those planned) found no free VU.
  const behind = { droppedIterations: 3524, achievedRatio: 0.63 };
  // latencyScale 80: a mean near 725 ms and a p95 near 1,460 ms, 12× the 120 ms budget. By Little's law
  // 100/s × 0.725 s keeps about 72 VUs busy: all of an 80-VU pool.
  const slowTarget = { ...behind, latencyScale: 80 };

  it('blocks on the budget when the p95 is 12× over it and every VU waited on responses, saying the target was the bottleneck', () => {
    const verdict = judge([run({ seed: 2, ...slowTarget }, { vuPools: { [SCENARIO]: 80 } })]);
    const generator = checkOf(verdict, 'generator/product-get');
    expect(generator).toMatchObject({ status: 'warn', data: { bottleneck: 'target' } });
    expect(generator.summary).toMatch(/^the target was the bottleneck, not the generator: 37\.0% of iterations dropped .* while p95 [\d.]+ ms was 1\d\.\d× the budget and 7\d of 80 VUs waited on responses/);
    expect(checkOf(verdict, 'budget/product-get').status).toBe('block');
    expect(verdict).toMatchObject({ outcome: 'block', exitCode: 1 });
  });

  it.each([
    { what: 'a healthy target (p95 near 19 ms, 1 of 80 VUs busy)', shape: behind, pools: { [SCENARIO]: 80 } },
    { what: 'a target 12× over budget with most of a 1,000-VU pool idle', shape: slowTarget, pools: { [SCENARIO]: 1000 } },
    { what: 'a target 1.5× over budget with its pool all busy', shape: { ...behind, latencyScale: 10 }, pools: { [SCENARIO]: 10 } },
    { what: 'a target 12× over budget in a run that does not say its pool', shape: slowTarget, pools: undefined },
  ])('keeps the generator as the suspect, inconclusive, for $what', ({ shape, pools }) => {
    const verdict = judge([run({ seed: 2, ...shape }, { vuPools: pools })]);
    expect(checkOf(verdict, 'generator/product-get')).toMatchObject({ status: 'inconclusive', data: { bottleneck: 'generator' } });
    expect(checkOf(verdict, 'budget/product-get').status).toBe('inconclusive');
    expect(verdict).toMatchObject({ outcome: 'inconclusive', exitCode: 3 });
  });
});

describe('judgeVerdict: latencies recorded in whole milliseconds', () => {
  // A 2 ms median broadcast: the baseline's samples rounded to whole ms, as Date.now() stamps gave them.
  const wholeMsBaseline = run({ seed: 1, latencyScale: 0.25, wholeMs: true }).doc;

  it('does not judge a p50 0.17 ms above a whole-millisecond baseline, which reads as +8% and would warn', () => {
    const verdict = judge([run({ seed: 2, latencyScale: 0.27 })], { baseline: withBaseline(wholeMsBaseline) });
    const p50 = checkOf(verdict, `regression/${SCENARIO}/p50`);
    expect(p50.status).toBe('not-evaluated');
    expect(p50.summary).toMatch(/^p50 2\.2 ms vs 2\.0 ms: the 0\.\d+ ms between them is below the 1 ms resolution the baseline was recorded at/);
    expect(p50.action).toContain('npm run baseline');
    expect((p50.data as RegressionCheck).ratio).toBeGreaterThan(1.05);
    expect(verdict.outcome).toBe('pass');
  });

  it('still judges a difference of a millisecond or more against such a baseline', () => {
    const verdict = judge([run({ seed: 2, latencyScale: 0.6 })], { baseline: withBaseline(wholeMsBaseline) });
    expect(regression(verdict, 95).status).toBe('block');
  });

  it('judges sub-millisecond differences when both sides were recorded in microseconds', () => {
    const microBaseline = run({ seed: 1, latencyScale: 0.25 }).doc;
    const verdict = judge([run({ seed: 2, latencyScale: 0.27 })], { baseline: withBaseline(microBaseline) });
    expect(regression(verdict, 50).status).not.toBe('not-evaluated');
    expect(regression(verdict, 95).status).not.toBe('not-evaluated');
  });
});

describe('judgeVerdict: repeats', () => {
  const repeats = (scales: number[]) => scales.map((latencyScale, index) => run({ seed: 20 + index, latencyScale }));

  it('takes the median of the runs\' ratios, so one fast repeat cannot clear two slow ones', () => {
    const verdict = judge(repeats([1, 1.3, 1.31]));
    const p95 = regression(verdict, 95);
    expect(p95.perRunRatios).toHaveLength(3);
    const sorted = [...p95.perRunRatios].sort((a, b) => a - b);
    expect(p95.ratio).toBe(sorted[1]);
    expect(p95.perRunRatios[0]).toBeCloseTo(1, 1);
    expect(p95.ratio).toBeGreaterThan(1.25);
    expect(p95.status).toBe('block');
    expect(p95.summary).toContain('(median of 3 runs)');
    expect(verdict.runs.map((each) => each.id)).toEqual(['20261129T050000Z-steady-20', '20261129T050000Z-steady-21', '20261129T050000Z-steady-22']);
  });

  it('takes the median of the runs\' ratios, so one slow repeat cannot block two good ones', () => {
    const verdict = judge(repeats([1, 1.01, 1.3]));
    const p95 = regression(verdict, 95);
    expect(p95.ratio).toBeLessThan(1.05);
    expect(p95.status).toBe('pass');
    const budget = checkOf(verdict, 'budget/product-get').data as { p95Ms: number; perRunP95Ms: number[] };
    expect(budget.perRunP95Ms).toHaveLength(3);
    expect(budget.p95Ms).toBe([...budget.perRunP95Ms].sort((a, b) => a - b)[1]);
  });
});

describe('judgeVerdict: error rate', () => {
  it.each(['http', 'checks'] as const)('warns on a significantly higher rate of failed %s, with the test and its p-value', (counted) => {
    const baseline = run({ seed: 1, counted, errors: { failed: 2, total: 5000 } }).doc;
    const verdict = judge([run({ seed: 2, counted, errors: { failed: 30, total: 5000 } })], { baseline: withBaseline(baseline) });
    const check = checkOf(verdict, 'error-rate/product-get');
    expect(check.status).toBe('warn');
    expect(check.data).toMatchObject({ counted, candidateErrors: 30, candidateTotal: 5000, baselineErrors: 2, baselineTotal: 5000, method: 'z' });
    expect((check.data as { pValue: number }).pValue).toBeLessThan(0.001);
    expect(check.summary).toContain(counted === 'http' ? 'failed requests 0.60%' : 'failed checks 0.60%');
    // 0.6% is under the 1% rule (docs/runbook.md §16): a warning, not a block.
    expect(checkOf(verdict, 'rule/error-rate').status).toBe('pass');
    expect(verdict).toMatchObject({ outcome: 'warn', exitCode: 0 });
  });

  it('passes an equal rate', () => {
    const errors = { failed: 2, total: 5000 };
    const verdict = judge([run({ seed: 2, errors })], { baseline: withBaseline(run({ seed: 1, errors }).doc) });
    const check = checkOf(verdict, 'error-rate/product-get');
    expect(check.status).toBe('pass');
    expect(check.data).toMatchObject({ method: 'fisher' });
    expect((check.data as { pValue: number }).pValue).toBeGreaterThan(0.05);
  });
});

describe('judgeVerdict: escalation rules', () => {
  /** CPU readings every second for `seconds`, in percent of one core. */
  const cpu = (seconds: number, percent: (second: number) => number) =>
    Array.from({ length: seconds + 1 }, (_, second) => saturation(second, { cpuPercent: percent(second) }));

  it('blocks on CPU above 85% of 2 cores for the scaled window, and says how the window was scaled', () => {
    const samples = cpu(40, () => 190);
    const verdict = judge([run({ seed: 2 }, { timeScale: 0.05, samples })], { baseline: null });
    const check = checkOf(verdict, 'rule/cpu');
    expect(check.status).toBe('block');
    expect(check.action).toBe('scale horizontally');
    expect(check.summary).toContain('(window 10 min × time scale 0.05 = 30 s)');
    expect(check.summary).toContain('cpuPercent / 2 cores');
    expect(check.data).toMatchObject({ kind: 'rule', windowMs: 30_000, configuredWindowMs: 600_000, threshold: 85, observed: { kind: 'streak', longestMs: 40_000, peak: 95 } });
    expect(verdict).toMatchObject({ outcome: 'block', exitCode: 1 });
  });

  it('passes CPU above 85% for less than the scaled window', () => {
    const samples = cpu(40, (second) => (second <= 20 ? 190 : 100));
    const check = checkOf(judge([run({ seed: 2 }, { timeScale: 0.05, samples })], { baseline: null }), 'rule/cpu');
    expect(check.status).toBe('pass');
    expect(check.data).toMatchObject({ observed: { longestMs: 20_000 } });
  });

  it('compares CPU per core only when the target shares the run\'s machine', () => {
    const samples = cpu(40, () => 150);
    const local = judge([run({ seed: 2 }, { timeScale: 0.05, samples })], { baseline: null });
    const remote = judge([run({ seed: 2 }, { timeScale: 0.05, samples, target: 'https://shop.staging.example.com' })], { baseline: null });
    expect(checkOf(local, 'rule/cpu').status).toBe('pass');
    expect(checkOf(remote, 'rule/cpu').status).toBe('block');
  });

  it('leaves every sample-based rule not evaluated, with a reason, when there are no samples; a pass stays a pass', () => {
    const verdict = judge([run({ seed: 2 })]);
    for (const id of ['rule/kafka-lag', 'rule/cpu', 'rule/gc-pauses']) {
      const check = checkOf(verdict, id);
      expect(check.status).toBe('not-evaluated');
      expect(check.summary).toMatch(/^not evaluated: no (saturation|kafka-lag) samples/);
    }
    expect(checkOf(verdict, 'rule/error-rate').status).toBe('pass');
    expect(verdict).toMatchObject({ outcome: 'pass', exitCode: 0 });
    expect(verdict.headline).toBe(`pass: ${verdict.checks.length - 3} checks passed (3 not evaluated)`);
  });
});

describe('judgeVerdict: history', () => {
  const entry = (index: number, p95: number): HistoryEntry => ({
    schemaVersion: 1,
    build: `ci-${1000 + index}`,
    createdAt: new Date(Date.UTC(2026, 10, 20 + index, 5)).toISOString(),
    commit: null,
    phase: 'steady',
    scenarios: [{ name: SCENARIO, p50: p95 / 2.2, p95, p99: p95 * 1.4, count: 6000, errorRate: 0 }],
  });
  const baselineP95 = BASELINE.scenarios[0]!.whole.latency!.p95;

  it('blocks when this build and the one before are each 30% over the baseline p95', () => {
    const runs = [run({ seed: 2, latencyScale: 1.4 })];
    const candidate = historyEntryOf(runs, 'ci-1003', NOW);
    const earlier = [entry(0, baselineP95), entry(1, baselineP95 * 1.01), entry(2, baselineP95 * 1.35)];
    const verdict = judge(runs, { history: { dir: 'out/history', earlier, skipped: [], candidate } });
    const check = checkOf(verdict, 'consecutive/product-get');
    expect(check.status).toBe('block');
    expect(check.data).toMatchObject({ referenceP95Ms: baselineP95, streakP95Ms: [baselineP95 * 1.35, runs[0]!.doc.scenarios[0]!.whole.latency!.p95] });
    expect(checkOf(verdict, 'change-point/product-get').status).toBe('not-evaluated');
    expect(verdict.history).toEqual({ dir: 'out/history', entry: null, builds: 3, skipped: [] });
    expect(verdict).toMatchObject({ outcome: 'block', exitCode: 1 });
  });

  it('does not judge the streak on a history too short for it', () => {
    const runs = [run({ seed: 2 })];
    const verdict = judge(runs, { history: { dir: 'out/history', earlier: [], skipped: [], candidate: historyEntryOf(runs, 'ci-1000', NOW) } });
    expect(checkOf(verdict, 'consecutive/product-get').status).toBe('not-evaluated');
    expect(checkOf(verdict, 'consecutive/product-get').summary).toContain('the history has 1 of the 2 builds needed');
    expect(verdict.outcome).toBe('pass');
  });
});
