import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const PHASE_SCRIPT = new URL('../../scripts/phase.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;

function runPhase(
  cwd: string,
  args: string[],
  onStderr: (text: string, signal: () => void) => void = () => {},
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [PHASE_SCRIPT, ...args], { cwd });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr(stderr, () => child.kill('SIGINT'));
    });
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('npm run smoke', () => {
  it('starts the reference shop, runs Product GET time-scaled, leaves a complete run folder and judges it inconclusive', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-smoke-'));
    const result = await runPhase(cwd, ['smoke', '--time-scale', '0.02', '--scenario', 'product-get', '--verdict']);
    expect(result.stderr).toContain('started the reference shop');
    // The run itself is fine (exit 0 without --verdict), but 6 s at 10/s leaves about 60 samples, far
    // from the 2,000 a p95 needs: the verdict is inconclusive, exit 3.
    expect(result.stderr).toMatch(/run folder: \S+ \(exit code 0\)/);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/running 5s\/6s {2}rate \d+\/s \(target 10\/s\) {2}VUs \d+\/\d+ {2}iterations \d+ {2}errors 0\.00% \(0\) {2}dropped 0/);
    const [folder] = readdirSync(path.join(cwd, 'out/runs'));
    expect(folder).toMatch(/^\d{8}-\d{6}-smoke-[a-z0-9]{6}$/);
    const runDir = path.join(cwd, 'out/runs', folder!);
    expect(result.stderr).toContain(`run folder: out/runs/${folder}`);
    for (const file of ['plan.json', 'summary.json', 'timeline.ndjson.gz', 'server.ndjson', 'engine.log', 'report.md', 'report.html', 'charts/latency.svg']) {
      expect(existsSync(path.join(runDir, file)), file).toBe(true);
    }
    expect(result.stderr).toContain(`report: ${path.join('out/runs', folder!, 'report.md')}`);
    expect(readFileSync(path.join(runDir, 'report.md'), 'utf8')).toMatch(/\| product-get \| http\\_req\\_duration \| [\d.]+ \|/);

    const verdict = JSON.parse(readFileSync(path.join(runDir, 'verdict.json'), 'utf8'));
    expect(verdict).toMatchObject({ outcome: 'inconclusive', exitCode: 3, baseline: null, history: { dir: 'out/history', builds: 0 } });
    expect(verdict.noBaselineReason).toMatch(/^no smoke baseline in docs\/perf\/baselines/);
    const budget = verdict.checks.find((check: { id: string }) => check.id === 'budget/product-get');
    expect(budget.status).toBe('inconclusive');
    expect(budget.summary).toMatch(/only \d+ samples, a p95 needs 2000$/);
    expect(readdirSync(path.join(cwd, 'out/history'))).toHaveLength(1);
    expect(result.stderr).toContain(`verdict: ${path.join('out/runs', folder!, 'verdict.md')} (exit code 3)`);

    const plan = JSON.parse(readFileSync(path.join(runDir, 'plan.json'), 'utf8'));
    expect(plan.phase).toBe('smoke');
    expect(plan.timeScale).toBe(0.02);
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.metrics['http_req_duration{scenario:product-get}'].thresholds).toEqual({ 'p(95)<120': { ok: true } });
    expect(summary.metrics['http_req_duration{scenario:product-get}'].values.count).toBeGreaterThan(40);
    expect(summary.root_group.checks.map((check: { name: string }) => check.name)).toContain('status is 200');

    const records = gunzipSync(readFileSync(path.join(runDir, 'timeline.ndjson.gz'))).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    const stages = new Set(records.filter((record) => record.metric === 'http_req_duration').map((record) => record.tags.stage));
    expect(stages).toEqual(new Set(['warm-up', 'steady']));

    // The samplers scraped the shop's /metrics every 0.5 s (5 s × 0.02, floored) while the engine ran.
    const samples = readFileSync(path.join(runDir, 'server.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const saturation = samples.filter((sample) => sample.kind === 'saturation');
    expect(saturation.length).toBeGreaterThanOrEqual(5);
    // The shop the run started listens on a free port, and the plan names it.
    expect(plan.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.stderr).toContain(`started the reference shop for this run at ${plan.target.baseUrl}`);
    expect(saturation[0]).toMatchObject({ source: `${plan.target.baseUrl}/metrics`, cpuPercent: expect.any(Number), heapUsedBytes: expect.any(Number) });
    expect(samples.filter((sample) => sample.kind === 'sampler-error')).toEqual([]);
  });

  it('stops on Ctrl-C with exit 105, keeps the partial summary and stops the shop it started', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-sigint-'));
    let signalled = false;
    const result = await runPhase(cwd, ['smoke', '--time-scale', '0.5', '--scenario', 'product-get'], (stderr, signal) => {
      if (!signalled && stderr.includes('running 5s/')) {
        signalled = true;
        signal();
      }
    });
    expect(result.code).toBe(105);
    const [folder] = readdirSync(path.join(cwd, 'out/runs'));
    const summary = JSON.parse(readFileSync(path.join(cwd, 'out/runs', folder!, 'summary.json'), 'utf8'));
    expect(summary.metrics.iterations.values.count).toBeGreaterThan(20);
    const plan = JSON.parse(readFileSync(path.join(cwd, 'out/runs', folder!, 'plan.json'), 'utf8'));
    const stillServing = await fetch(`${plan.target.baseUrl}/health`).then(() => true, () => false);
    expect(stillServing).toBe(false);
  });

  it('refuses --repeat 0 and a verdict flag without --verdict with one line and exit 104, creating no run folder', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-flags-'));
    const repeat = await runPhase(cwd, ['smoke', '--repeat', '0']);
    expect(repeat.code).toBe(104);
    expect(repeat.stderr).toBe('error: invalid --repeat; expected a whole number of runs ≥ 1, got "0"; run with --help\n');
    const stray = await runPhase(cwd, ['smoke', '--baseline', 'docs/perf/baselines/smoke.json']);
    expect(stray.code).toBe(104);
    expect(stray.stderr).toBe('error: --baseline only applies with --verdict; add --verdict or leave it out\n');
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('refuses a target outside loopback and allowHosts with one line and exit 104, creating no run folder', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-refuse-'));
    const result = await runPhase(cwd, ['spike', '--target', 'http://example.com', '--time-scale', '0.02']);
    expect(result.code).toBe(104);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/example\.com.*allowHosts/);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});
