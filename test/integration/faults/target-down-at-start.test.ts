import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReport } from '../../../reports/report/create-report.ts';

const PHASE_SCRIPT = new URL('../../../scripts/phase.ts', import.meta.url).pathname;
const TSX = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;

/** A loopback port that was just free and that nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runPhase(cwd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [PHASE_SCRIPT, ...args], { cwd, env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a phase run whose target is down from the start', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-target-down-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('counts every request as an error, completes with the failed-thresholds code and leaves a readable report', async () => {
    const port = await closedPort();
    const target = `http://127.0.0.1:${port}`;
    const result = await runPhase(cwd, ['smoke', '--time-scale', '0.01', '--scenario', 'product-get', '--target', target, '--quiet'], {
      LOADBOOK_METRICS_ENDPOINTS: `${target}/metrics`,
    });
    // Not the default target, so no shop is started; the run still completes and its checks threshold fails.
    expect(result.stderr).not.toContain('started the reference shop');
    expect(result.code).toBe(99);

    const [folder] = readdirSync(path.join(cwd, 'out/runs'));
    const runDir = path.join(cwd, 'out/runs', folder!);
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    const requests = summary.metrics.http_reqs.values.count as number;
    expect(requests).toBeGreaterThan(0);
    expect(summary.metrics.http_req_failed.values).toMatchObject({ passes: requests, fails: 0 });

    const markdown = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown).toContain('product-get');
    // The samplers could not reach the metrics endpoint either, and say so instead of stopping the run.
    expect(readFileSync(path.join(runDir, 'server.ndjson'), 'utf8')).toContain('"kind":"sampler-error"');
    // The report can be written again from the folder alone.
    const again = await createReport({ kind: 'run', run: runDir });
    expect(again.paths.map((file) => path.basename(file))).toContain('report.md');
  });
});
