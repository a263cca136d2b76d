import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const fixture = (name: string) => new URL(`../../fixtures/scripts/${name}`, import.meta.url).pathname;

describe('loadbook run exit codes', () => {
  let server: DelayServer;
  beforeAll(async () => {
    server = await startDelayServer(20);
  });
  afterAll(() => server.close());

  it('exits 99 when a threshold cannot hold, and still prints the summary', async () => {
    const result = await runCli(['run', fixture('fixed-rate.ts'), '-q', '-e', `TARGET=${server.url}`, '-e', 'RATE=20', '-e', 'DURATION=1s', '-e', 'THRESHOLD=p(95)<1']);
    expect(result.code).toBe(99);
    expect(result.stdout).toContain('✗ { scenario:fixed }');
    expect(result.stderr).toContain('thresholds on metrics have been crossed');
  });

  it('exits 107 on an exception in init code and names the TypeScript line', async () => {
    const result = await runCli(['run', fixture('init-error.ts'), '-q']);
    expect(result.code).toBe(107);
    expect(result.stderr).toMatch(/TypeError: Cannot read properties of undefined/);
    expect(result.stderr).toContain(`${fixture('init-error.ts')}:10:`);
  });

  it('exits 107 when a VU\'s own init code fails in a worker, naming the TypeScript line', async () => {
    const result = await runCli(['run', fixture('vu-init-error.ts'), '-q']);
    expect(result.code).toBe(107);
    expect(result.stderr).toMatch(/Error: VU \d cannot start/);
    expect(result.stderr).toContain(`${fixture('vu-init-error.ts')}:4:`);
  });

  it('exits 108 when the script calls test.abort()', async () => {
    const result = await runCli(['run', fixture('aborts.ts'), '-q', '-e', `TARGET=${server.url}`, '-e', 'MODE=abort']);
    expect(result.code).toBe(108);
    expect(result.stderr).toContain('enough seen');
  });

  it('exits 105 on SIGINT and keeps the partial summary in the run folder', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-sigint-'));
    const result = await runCli(['run', fixture('aborts.ts'), '-q', '--run-dir', runDir, '-e', `TARGET=${server.url}`], {
      // Signal once load is flowing, however long the child took to start.
      onSpawn: (pid) => {
        const before = server.requests();
        const poll = setInterval(() => {
          if (server.requests() - before < 10) return;
          clearInterval(poll);
          process.kill(pid, 'SIGINT');
        }, 20);
      },
    });
    expect(result.code).toBe(105);
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
  });

  it.each([
    [['run', 'missing-script.ts'], 107, /script "missing-script.ts" not found/],
    [['run', fixture('fixed-rate.ts'), '--bogus'], 104, /Unknown option '--bogus'/],
    [['run', fixture('fixed-rate.ts'), '--duration', '5x'], 104, /invalid scenarios.default.duration "5x"; expected a duration/],
    [['run', fixture('fixed-rate.ts'), '-e', 'RATE=-5'], 104, /invalid scenarios.fixed.rate; expected a positive number of iterations per timeUnit, got -5/],
    [['run', fixture('fixed-rate.ts'), '-e', 'THRESHOLD=p(95)<<1'], 104, /invalid threshold "p\(95\)<<1"/],
  ])('refuses %j with exit %i and one line naming the value', async (args, code, message) => {
    const result = await runCli(args as string[]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses the synchronous http.get with an error that names asyncRequest', async () => {
    const result = await runCli(['run', fixture('aborts.ts'), '-q', '-i', '1', '-e', `TARGET=${server.url}`, '-e', 'MODE=sync']);
    expect(result.stderr).toMatch(/http\.get\(\) is synchronous.*await http\.asyncRequest\('GET'/);
  });
});
