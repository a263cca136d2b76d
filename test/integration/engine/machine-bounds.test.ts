import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';
import { runCli } from '../../support/run-cli.ts';
import { runScript } from '../../support/run-script.ts';

const fixture = (name: string) => new URL(`../../fixtures/scripts/${name}`, import.meta.url).pathname;
const RUNS = fileURLToPath(new URL('../../../out/runs', import.meta.url));
const runFolders = () => {
  try {
    return readdirSync(RUNS);
  } catch {
    return [];
  }
};
/** The whole of stderr is one `error:` line. */
const ONE_LINE = /^error: [^\n]+\n$/;
/** Generous: a run that yields stops within seconds; one that spins never does. */
const KILL_AFTER_MS = 20_000;

describe('load the machine cannot hold', () => {
  let server: DelayServer;
  let hugeConfig: string;
  beforeAll(async () => {
    server = await startDelayServer(20);
    hugeConfig = path.join(mkdtempSync(path.join(tmpdir(), 'loadbook-bounds-')), 'huge.json');
    writeFileSync(hugeConfig, JSON.stringify({ baselineRate: 1e308 }));
  });
  afterAll(() => server.close());

  it.each([
    ['--rate 1e12', ['--rate', '1e12'], /^error: invalid rate 1,000,000,000,000 \(--rate, LOADBOOK_RATE or baselineRate\); the smoke plan needs 72,000,000,000 VUs and this machine fits about [\d,]+ VUs .*; use a rate ≤ [\d,]+ \(at headroom 3(?: and --workers \d+)?\)$/m],
    ['"baselineRate": 1e308 in the config', ['--config', 'HUGE_CONFIG'], /^error: invalid rate 1\.0e\+308 .*; the smoke plan needs 7\.2e\+306 VUs/m],
  ])('a phase refuses %s with exit 104 and one line, before a run folder or service exists', async (_, flags, message) => {
    const before = runFolders();
    const args = ['smoke', '--scenario', 'product-get', '--time-scale', '0.02', '--target', server.url, ...flags.map((flag) => (flag === 'HUGE_CONFIG' ? hugeConfig : flag))];
    const result = await runScript('phase.ts', args);
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(message);
    expect(runFolders()).toEqual(before);
    expect(server.requests()).toBe(0);
  });

  it.each([
    ['maxVUs 10^9', ['-e', 'MAX_VUS=1e9'], /^error: invalid scenarios\.flood\.maxVUs 1,000,000,000; this machine fits about [\d,]+ VUs .*; use maxVUs ≤ [\d,]+$/m],
    ['--workers 999', ['--workers', '999'], /^error: invalid --workers 999; this machine fits at most \d+ worker threads .*; use --workers \d+ or fewer$/m],
    [
      '600,000 VUs, which fit the machine but not one worker thread’s heap, on --workers 1',
      ['-e', 'MAX_VUS=6e5', '--workers', '1'],
      /^error: invalid --workers 1 for 600,000 VUs; a worker thread holds about [\d,]+ VUs \(14 KiB each in \d+% of its 4\.0 GiB heap\) and the only one would get 600,000; use --workers 3$/m,
    ],
  ])('loadbook run refuses %s with exit 104 and one line', async (_, flags, message) => {
    const result = await runCli(['run', fixture('flood.ts'), '-q', '-e', `TARGET=${server.url}`, ...flags]);
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(message);
  });

  it('stops a run at 10^12 iterations/s with one VU on SIGTERM with exit 105, counting the dropped iterations', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-flood-'));
    const before = server.requests();
    let killed = false;
    const result = await runCli(['run', fixture('flood.ts'), '-q', '--workers', '1', '--run-dir', runDir, '-e', `TARGET=${server.url}`], {
      // SIGTERM a second after load flows, however long the start took; SIGKILL if the run is still there 20 s later.
      onSpawn: (pid) => {
        const poll = setInterval(() => {
          if (server.requests() === before) return;
          clearInterval(poll);
          setTimeout(() => {
            process.kill(pid, 'SIGTERM');
            setTimeout(() => {
              try {
                process.kill(pid, 'SIGKILL');
                killed = true;
              } catch {
                // already gone
              }
            }, KILL_AFTER_MS).unref();
          }, 1_000);
        }, 20);
      },
    });
    expect(killed).toBe(false);
    expect(result.code).toBe(105);
    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.metrics.dropped_iterations.values.count).toBeGreaterThan(1_000_000);
    expect(summary.metrics.iterations.values.count).toBeGreaterThan(1);
  }, 60_000);
});
