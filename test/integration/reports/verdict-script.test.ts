import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { createBaseline } from '../../../reports/baseline/index.ts';
import { validateVerdict } from '../../../reports/verdict/render/index.ts';
import type { Verdict } from '../../../reports/verdict/verdict-document.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';
import { runScript } from '../../support/run-script.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = new URL('../../fixtures/scripts/analysis-stages.ts', import.meta.url).pathname;
// 14 s at 300/s: 2,700 samples in the 5 s windows that start after the 1 s warm-up (a p95 needs 2,000).
const RATE = 300;
const DURATION_S = 14;

const verdictScript = (args: string[]) => runScript('verdict.ts', args);

/** A real engine run against a loopback server answering after `delayMs`, with the plan.json a phase script writes. */
async function engineRun(delayMs: number, budgetP95Ms: number): Promise<{ runDir: string; server: DelayServer }> {
  const server = await startDelayServer(delayMs);
  const runDir = mkdtempSync(join(tmpdir(), 'loadbook-verdict-run-'));
  const result = await runTest({ script: SCRIPT, env: { TARGET: server.url, RATE: String(RATE), DURATION_S: String(DURATION_S), MAX_VUS: '200' }, runDir, workers: 1, quiet: true, stdout: () => {} });
  expect([0, 99]).toContain(result.exitCode);
  const totalMs = DURATION_S * 1000;
  const stages = [
    { label: 'warm-up', startMs: 0, endMs: 1000, startRate: RATE, endRate: RATE },
    { label: 'steady', startMs: 1000, endMs: totalMs - 1000, startRate: RATE, endRate: RATE },
    { label: 'burst', startMs: totalMs - 1000, endMs: totalMs, startRate: RATE, endRate: RATE },
  ];
  const plan = {
    phase: 'steady',
    createdAt: new Date().toISOString(),
    target: { baseUrl: server.url },
    baselineRate: RATE,
    timeScale: 1,
    runtime: { cores: 2, workers: 1 },
    stages: stages.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })),
    totalMs,
    scenarios: [{ name: 'analysis', budgetP95Ms, stages, totalMs }],
    options: { thresholds: { 'http_req_duration{scenario:analysis}': [`p(95)<${budgetP95Ms}`], 'checks{scenario:analysis}': ['rate>0.99'] } },
  };
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
  return { runDir, server };
}

const readVerdict = (dir: string): Verdict => validateVerdict(JSON.parse(readFileSync(join(dir, 'verdict.json'), 'utf8')));
const statusOf = (verdict: Verdict, id: string) => verdict.checks.find((check) => check.id === id)?.status;

describe('npm run verdict on run folders the engine wrote', () => {
  let fast: { runDir: string; server: DelayServer };
  let slow: { runDir: string; server: DelayServer };
  let work: string;
  let baseline: string;
  let history: string;
  beforeAll(async () => {
    // The same loopback service, then one twice as slow whose p95 also breaks an 18 ms budget. Enough VUs
    // that a busy machine (the rest of the suite) slows responses without making the generator drop
    // iterations, which would make the verdict inconclusive.
    fast = await engineRun(10, 1000);
    slow = await engineRun(20, 18);
    work = mkdtempSync(join(tmpdir(), 'loadbook-verdict-'));
    baseline = (await createBaseline({ run: fast.runDir, dir: join(work, 'baselines') })).jsonPath;
    history = join(work, 'history');
  }, 120_000);
  afterAll(async () => {
    for (const each of [fast, slow]) {
      await each?.server.close();
      if (each) rmSync(each.runDir, { recursive: true, force: true });
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('passes the baseline’s own run, writing verdict.md, a valid verdict.json and JUnit with a testcase per check', async () => {
    const result = await verdictScript([fast.runDir, '--baseline', baseline, '--history', history, '--build', 'b1']);
    expect(result.stderr).toMatch(/^pass: \d+ checks passed/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(['verdict.md', 'verdict.json', 'verdict.junit.xml'].map((file) => join(fast.runDir, file)));
    const verdict = readVerdict(fast.runDir);
    expect(verdict).toMatchObject({ outcome: 'pass', exitCode: 0, phase: 'steady', baseline: { file: baseline } });
    const p95 = verdict.checks.find((check) => check.id === 'regression/analysis/p95')!;
    expect(p95).toMatchObject({ status: 'pass', data: { ratio: 1, candidateSamples: expect.any(Number) } });
    expect((p95.data as { candidateSamples: number }).candidateSamples).toBeGreaterThanOrEqual(2000);
    expect(readFileSync(join(fast.runDir, 'verdict.md'), 'utf8')).toContain('regression/analysis/p95');

    const junit = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(readFileSync(join(fast.runDir, 'verdict.junit.xml'), 'utf8'));
    const cases = junit.testsuites.testsuite.flatMap((suite: { testcase: { '@_name': string }[] }) => suite.testcase.map((each) => each['@_name']));
    expect(cases.sort()).toEqual(verdict.checks.map((check) => check.id).sort());
    expect(cases).toContain('budget/analysis');
    expect(cases).toEqual(expect.arrayContaining(['rule/error-rate', 'rule/kafka-lag', 'rule/cpu', 'rule/gc-pauses']));
    expect(readdirSync(history)).toHaveLength(1);
  });

  it('blocks a run twice as slow on its budget and its p95 against the baseline, and draws the trend of two builds', async () => {
    const result = await verdictScript([slow.runDir, '--baseline', baseline, '--history', history, '--build', 'b2']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^block: /);
    const verdict = readVerdict(slow.runDir);
    expect(statusOf(verdict, 'budget/analysis')).toBe('block');
    const p95 = verdict.checks.find((check) => check.id === 'regression/analysis/p95')!;
    expect(p95.status).toBe('block');
    const { ratio, low } = p95.data as { ratio: number; low: number };
    expect(ratio).toBeGreaterThan(1.3);
    expect(low).toBeGreaterThan(1.05);
    expect(existsSync(join(slow.runDir, 'verdict-trend-analysis.svg'))).toBe(true);
    expect(readFileSync(join(slow.runDir, 'verdict.md'), 'utf8')).toContain('![p95 trend of analysis](verdict-trend-analysis.svg)');
    // One build up is not yet two consecutive builds (docs/runbook.md §16).
    expect(statusOf(verdict, 'consecutive/analysis')).toBe('pass');
  });

  it('blocks on p95 up 30% over two consecutive builds', async () => {
    const result = await verdictScript([slow.runDir, '--baseline', baseline, '--history', history, '--build', 'b3']);
    expect(result.code, result.stderr).toBe(1);
    const consecutive = readVerdict(slow.runDir).checks.find((check) => check.id === 'consecutive/analysis')!;
    expect(consecutive.status).toBe('block');
    expect(consecutive.data).toMatchObject({ ratio: 1.3, builds: 2 });
    expect(readdirSync(history)).toHaveLength(3);
  });

  it('judges repeats together on the median of their ratios', async () => {
    const out = join(work, 'repeats');
    const result = await verdictScript([fast.runDir, slow.runDir, slow.runDir, '--baseline', baseline, '--no-history', '--out', out]);
    expect(result.code, result.stderr).toBe(1);
    const verdict = readVerdict(out);
    expect(verdict.runs).toHaveLength(3);
    const p95 = verdict.checks.find((check) => check.id === 'regression/analysis/p95')!.data as { ratio: number; perRunRatios: number[] };
    expect(p95.perRunRatios).toHaveLength(3);
    expect(p95.ratio).toBe([...p95.perRunRatios].sort((a, b) => a - b)[1]);
  });

  it('explains itself with --help', async () => {
    const result = await verdictScript(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run verdict -- \[RUN \.\.\.\] \[flags\]/);
    expect(result.stdout).toContain('Exit code: 0 pass or warn, 1 block, 2 bad input (nothing written), 3 inconclusive.');
  });

  it('exits 2 with one line and writes nothing on bad input: a missing baseline, a build id used before', async () => {
    const before = readFileSync(join(slow.runDir, 'verdict.json'), 'utf8');
    const missing = await verdictScript([slow.runDir, '--baseline', join(work, 'nope.json'), '--no-history']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: invalid baseline; expected a readable JSON twin, got ".*nope\.json" \(ENOENT\); .*\n$/);
    const reused = await verdictScript([slow.runDir, '--baseline', baseline, '--history', history, '--build', 'b1']);
    expect(reused.code).toBe(2);
    expect(reused.stderr).toMatch(/^error: history entry of build b1 for steady exists already in .*; pass another --build\n$/);
    expect(readFileSync(join(slow.runDir, 'verdict.json'), 'utf8')).toBe(before);
    expect(readdirSync(history)).toHaveLength(3);
    const flags = await verdictScript([slow.runDir, '--nope']);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toMatch(/^error: Unknown option '--nope'.*run with --help for the flags\n$/);
  });
});
