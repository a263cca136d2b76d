import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../engine/cli/main.ts';
import { runTest } from '../../../engine/index.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';
import { runCli } from '../../support/run-cli.ts';

const FIXED_RATE = new URL('../../fixtures/scripts/fixed-rate.ts', import.meta.url).pathname;
const SLOW_TEARDOWN = new URL('../../fixtures/scripts/slow-teardown.ts', import.meta.url).pathname;

function signalIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    // Already gone: the assertions on its exit say what happened.
  }
}

/** The run folder's timeline as records: gunzipSync throws unless the gzip stream is whole. */
function timelineRecords(runDir: string): { kind: string; exitCode?: number }[] {
  const text = gunzipSync(readFileSync(path.join(runDir, 'timeline.ndjson.gz'))).toString('utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

describe('stopping a run', () => {
  let server: DelayServer;
  beforeAll(async () => {
    server = await startDelayServer(5);
  });
  afterAll(() => server.close());

  it('stops at once with exit 105 when the abort came before the engine listened, leaving summary.json and a whole timeline', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-early-abort-'));
    const controller = new AbortController();
    controller.abort();
    const result = await runTest({
      script: FIXED_RATE,
      env: { TARGET: server.url, RATE: '20', DURATION: '5s' },
      runDir,
      workers: 1,
      quiet: true,
      stdout: () => {},
      signal: controller.signal,
    });
    expect(result.exitCode).toBe(105);
    expect(JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')).metrics).toBeDefined();
    const records = timelineRecords(runDir);
    expect(records[0]!.kind).toBe('header');
    expect(records.at(-1)).toMatchObject({ kind: 'stop', exitCode: 105 });
    expect(readFileSync(path.join(runDir, 'engine.log'), 'utf8')).toContain('run ended with exit code 105');
  });

  it('stops at once on a second, later SIGINT without waiting for teardown, still leaving summary.json and a whole timeline', async () => {
    const runDir = mkdtempSync(path.join(tmpdir(), 'loadbook-second-sigint-'));
    // Teardown waits 30 s on this server: a graceful stop would wait for it, a forced one does not.
    const slow = await startDelayServer(30_000);
    try {
      const result = await runCli(['run', SLOW_TEARDOWN, '-q', '--run-dir', runDir, '-e', `TARGET=${server.url}`, '-e', `SLOW_TARGET=${slow.url}`, '-e', 'DURATION=2s'], {
        onSpawn: (pid) => {
          const poll = setInterval(() => {
            if (slow.requests() === 0) return;
            clearInterval(poll);
            process.kill(pid, 'SIGINT');
            setTimeout(() => signalIfAlive(pid), 700);
          }, 20);
        },
      });
      expect(result.code).toBe(105);
      expect(result.stderr).toContain('SIGINT again: stopping at once');
      expect(JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')).metrics).toBeDefined();
      expect(timelineRecords(runDir).at(-1)).toMatchObject({ kind: 'stop', exitCode: 105 });
    } finally {
      await slow.close();
    }
  });

  it.each([
    ['a missing folder', () => ['--out', 'json=/nonexistent/loadbook/x.json'], /^error: invalid --out json=\/nonexistent\/loadbook\/x\.json: cannot write there \(ENOENT\)/],
    ['a folder', (dir: string) => ['--out', `json=${dir}`], /^error: invalid --out json=.*: cannot write there \(EISDIR\)/],
    ['a run folder inside a file', (dir: string) => ['--run-dir', path.join(dir, 'file', 'run')], /^error: invalid --run-dir ".*": cannot create the folder \(ENOTDIR\)/],
    ['a missing folder in a new run folder', (dir: string) => ['--run-dir', path.join(dir, 'run'), '--out', `json=${path.join(dir, 'run', 'x', 'k6.json')}`], /^error: invalid --out .*: cannot write there \(ENOENT\)/],
  ])('refuses an --out or --run-dir path that is %s with one line and exit 104, before the run starts', async (_name, flags, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'loadbook-bad-path-'));
    writeFileSync(path.join(dir, 'file'), '');
    const before = server.requests();
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      expect(await main(['run', FIXED_RATE, '-q', '-e', `TARGET=${server.url}`, '-e', 'DURATION=2s', ...flags(dir)])).toBe(104);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(server.requests()).toBe(before);
    expect(existsSync(path.join(dir, 'run'))).toBe(false);
  });

  it('writes --out json into the --run-dir it creates', async () => {
    const runDir = path.join(mkdtempSync(path.join(tmpdir(), 'loadbook-out-in-run-')), 'run');
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['run', FIXED_RATE, '-q', '-e', `TARGET=${server.url}`, '-e', 'DURATION=1s', '--run-dir', runDir, '--out', `json=${path.join(runDir, 'k6.json')}`])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(path.join(runDir, 'k6.json'), 'utf8')).toContain('"type":"Point"');
  });
});
