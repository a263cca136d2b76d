import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPORT_SCRIPT = new URL('../../scripts/report.ts', import.meta.url).pathname;
const PHASE_SCRIPT = new URL('../../scripts/phase.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
const K6_FIXTURES = new URL('../fixtures/k6/', import.meta.url).pathname;

function run(script: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [script, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `loadbook-report-${name}-`));

describe('npm run report', () => {
  it('reports on a smoke run of the real engine against the shop, as the latest run folder', async () => {
    const cwd = temp('smoke');
    const phase = await run(PHASE_SCRIPT, ['smoke', '--time-scale', '0.02', '--scenario', 'product-get', '--quiet'], cwd);
    expect(phase.code, phase.stderr).toBe(0);
    const [folder] = readdirSync(path.join(cwd, 'out/runs'));
    const runDir = path.join(cwd, 'out/runs', folder!);

    const result = await run(REPORT_SCRIPT, [], cwd);
    expect(result.code, result.stderr).toBe(0);
    const written = result.stdout.trim().split('\n');
    expect(written.slice(0, 2)).toEqual([path.join(runDir, 'report.md'), path.join(runDir, 'report.html')]);
    expect(written).toContain(path.join(runDir, 'charts/latency.svg'));
    for (const file of written) expect(existsSync(file), file).toBe(true);

    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown).toContain(`# Smoke run ${folder}`);
    expect(markdown).toMatch(/^\| product-get \| http\\_req\\_duration \| [\d.]+ \| [\d.]+ \|/m);
    expect(markdown).toContain('![Latency p50/p95/p99 per scenario, with stages and the p95 budget](charts/latency.svg)');
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<figure data-chart="charts/latency.svg">');
    expect(html).not.toMatch(/<script/i);
  });

  it('reports on stock k6 output into --out', async () => {
    const out = path.join(temp('k6'), 'report');
    const result = await run(
      REPORT_SCRIPT,
      ['--k6-json', path.join(K6_FIXTURES, 'http-run.json.gz'), '--k6-summary', path.join(K6_FIXTURES, 'k6-summary.json'), '--out', out],
      tmpdir(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('chart kafka-lag skipped: no Kafka lag sampled: stock k6 output carries no consumer lag');
    expect(readdirSync(out).sort()).toEqual(['charts', 'report.html', 'report.md']);
    expect(readdirSync(path.join(out, 'charts')).sort()).toEqual(['errors.svg', 'latency.svg', 'rate.svg', 'vus.svg']);
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('# k6 run http-run.json.gz');
    expect(markdown).toMatch(/^\| default \| http\\_req\\_duration \| .* \| ✅ under 500 \|/m);
  });

  it('refuses a run folder that does not exist with one line and exit 2', async () => {
    const cwd = temp('missing');
    const result = await run(REPORT_SCRIPT, ['20261129-000000-smoke-nosuch'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: invalid run; expected a run folder .* got "20261129-000000-smoke-nosuch"/)]);
    expect(result.stdout).toBe('');
  });

  it('refuses malformed k6 output with one line and exit 2, leaving the earlier report in --out as it was', async () => {
    const out = temp('malformed');
    writeFileSync(path.join(out, 'report.md'), '# earlier report\n');
    mkdirSync(path.join(out, 'charts'));
    writeFileSync(path.join(out, 'charts/latency.svg'), '<svg/>');
    const result = await run(REPORT_SCRIPT, ['--k6-json', path.join(K6_FIXTURES, 'malformed.json'), '--out', out], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: cannot analyse k6 output: .*malformed\.json:\d+: expected/);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toBe('# earlier report\n');
    expect(readdirSync(out).sort()).toEqual(['charts', 'report.md']);
    expect(readdirSync(path.join(out, 'charts'))).toEqual(['latency.svg']);
  });

  it('refuses a bad flag with one line naming it and exit 2', async () => {
    const result = await run(REPORT_SCRIPT, ['--k6-json', 'run.json'], temp('flags'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: missing --out; expected a folder for the report of "run.json"; run with --help\n');
  });

  it('prints its help with exit 0', async () => {
    const result = await run(REPORT_SCRIPT, ['--help'], tmpdir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run report -- \[RUN\] \[flags\]/);
  });
});
