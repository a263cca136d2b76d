import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { analyzeRun } from '../../../reports/analysis/analyze-run.ts';
import { BaselineError, createBaseline } from '../../../reports/baseline/index.ts';
import { createVerdict } from '../../../reports/verdict/create-verdict.ts';
import { VerdictError } from '../../../reports/verdict/verdict-error.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const SCRIPT = new URL('../../fixtures/scripts/fixed-rate.ts', import.meta.url).pathname;
const STAGES = [{ label: 'steady', startMs: 0, endMs: 3000, startRate: 20, endRate: 20 }];
const PROVENANCE = { gitCommit: '0'.repeat(40), gitDirty: false, loadbookVersion: '0.1.0' };

/** plan.json with the fields analysis reads, as the phase script writes it. */
function writePlan(runDir: string, target: string): void {
  const plan = {
    createdAt: new Date().toISOString(),
    phase: 'steady',
    target: { baseUrl: target, host: '127.0.0.1' },
    baselineRate: 20,
    timeScale: 1,
    scenarios: [{ name: 'fixed', budgetP95Ms: 1000, stages: STAGES, totalMs: 3000 }],
    options: { thresholds: { 'http_req_duration{scenario:fixed}': ['p(95)<1000'] } },
    stages: STAGES.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })),
    totalMs: 3000,
    config: { reports: DEFAULT_CONFIG.reports },
    configSha256: '0'.repeat(64),
    runtime: { node: process.version, cores: 2, platform: process.platform, arch: process.arch, workers: 1 },
  };
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
}

describe('a timeline cut short (power loss, SIGKILL)', () => {
  let server: DelayServer;
  let runDir: string;
  let whole: Buffer;
  const folders: string[] = [];

  beforeAll(async () => {
    server = await startDelayServer(2);
    runDir = mkdtempSync(join(tmpdir(), 'loadbook-cut-'));
    const result = await runTest({ script: SCRIPT, env: { TARGET: server.url, RATE: '20', DURATION: '3s' }, runDir, workers: 1, quiet: true, stdout: () => {} });
    expect(result.exitCode).toBe(0);
    writePlan(runDir, server.url);
    whole = readFileSync(join(runDir, 'timeline.ndjson.gz'));
  });
  afterAll(async () => {
    await server.close();
    for (const folder of [runDir, ...folders]) rmSync(folder, { recursive: true, force: true });
  });

  /** A copy of the run folder whose timeline keeps only its first `bytes` bytes. */
  function cutCopy(bytes: number): string {
    const copy = mkdtempSync(join(tmpdir(), 'loadbook-cut-copy-'));
    folders.push(copy);
    cpSync(runDir, copy, { recursive: true });
    writeFileSync(join(copy, 'timeline.ndjson.gz'), whole.subarray(0, bytes));
    return copy;
  }

  it('reads a whole timeline of a finished run as not partial', async () => {
    const analysis = await analyzeRun(runDir);
    expect(analysis.partial).toBeUndefined();
    expect(analysis.seconds).toBeGreaterThanOrEqual(3);
  });

  it('reads a timeline cut at any byte up to its last whole record and marks the run partial', async () => {
    const full = await analyzeRun(runDir);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: whole.length - 1 }), async (bytes) => {
        const analysis = await analyzeRun(cutCopy(bytes));
        expect(analysis.partial).toMatchObject({ kind: 'cut', reason: expect.stringMatching(/gzip stream ends early|last record is cut/) });
        expect(analysis.seconds).toBeLessThanOrEqual(full.seconds);
        const iterations = analysis.scenarios[0]?.whole.traffic.iterations ?? 0;
        expect(iterations).toBeLessThanOrEqual(full.scenarios[0]!.whole.traffic.iterations);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps every whole second of a timeline cut only in its gzip trailer', async () => {
    const analysis = await analyzeRun(cutCopy(whole.length - 4));
    expect(analysis.partial?.kind).toBe('cut');
    expect(analysis.scenarios[0]!.whole.traffic.iterations).toBe((await analyzeRun(runDir)).scenarios[0]!.whole.traffic.iterations);
  });

  it('refuses a baseline of a partial run unless allowPartial, and then says it is from a partial run', async () => {
    const cut = cutCopy(Math.floor(whole.length / 2));
    const dir = mkdtempSync(join(tmpdir(), 'loadbook-cut-baseline-'));
    folders.push(dir);
    await expect(createBaseline({ run: cut, dir, provenance: PROVENANCE })).rejects.toThrow(BaselineError);
    await expect(createBaseline({ run: cut, dir, provenance: PROVENANCE })).rejects.toThrow(/is partial: its timeline is cut short .*add --allow-partial/);
    const written = await createBaseline({ run: cut, dir, provenance: PROVENANCE, allowPartial: true });
    expect(JSON.parse(readFileSync(written.jsonPath, 'utf8')).partial).toMatch(/^its timeline is cut short/);
    expect(readFileSync(written.markdownPath, 'utf8')).toMatch(/\*\*From a partial run:\*\* its timeline is cut short/);
  });

  it('refuses a verdict of a partial run with one line naming the run and why', async () => {
    const cut = cutCopy(Math.floor(whole.length / 2));
    const verdict = createVerdict({ runs: [cut], baseline: false, history: false });
    await expect(verdict).rejects.toThrow(VerdictError);
    await expect(verdict).rejects.toThrow(/is partial: its timeline is cut short .*a verdict needs a whole run/);
  });
});
