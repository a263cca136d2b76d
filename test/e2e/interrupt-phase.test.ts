import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnShop, type SpawnedShop } from '../../shop/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PHASE_SCRIPT = path.join(ROOT, 'scripts/phase.ts');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Finished {
  code: number | null;
  stderr: string;
  runDir: string;
}

/**
 * `npm run smoke` as a terminal starts it: npm leads a process group of its own. `interrupt` is called
 * with npm's process once the run has been writing its timeline for a moment.
 */
function interruptedSmoke(target: string, interrupt: (npm: ChildProcess) => void): Promise<Finished> {
  return new Promise((resolve) => {
    const args = ['run', 'smoke', '--', '--time-scale', '0.1', '--scenario', 'product-get', '--target', target, '--quiet'];
    const npm = spawn('npm', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let runDir = '';
    npm.stdout!.resume();
    npm.stderr!.on('data', (chunk) => {
      stderr += chunk;
      runDir ||= path.join(ROOT, /run folder: (\S+)/.exec(stderr)?.[1] ?? '');
    });
    const poll = setInterval(() => {
      if (runDir === ROOT || !runDir || !existsSync(path.join(runDir, 'timeline.ndjson.gz'))) return;
      clearInterval(poll);
      setTimeout(() => interrupt(npm), 500);
    }, 50);
    // 'close' waits for every holder of the pipes: the phase too, even once npm is gone.
    npm.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stderr, runDir });
    });
  });
}

function expectReadableFolder(runDir: string): void {
  expect(JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')).metrics.iterations.values.count).toBeGreaterThan(0);
  const records = gunzipSync(readFileSync(path.join(runDir, 'timeline.ndjson.gz'))).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(records.at(-1)).toMatchObject({ kind: 'stop', exitCode: 105 });
  expect(readFileSync(path.join(runDir, 'engine.log'), 'utf8')).toContain('run ended with exit code 105');
}

describe('an interrupted phase', () => {
  let shop: SpawnedShop;
  const runDirs: string[] = [];
  beforeAll(async () => {
    shop = await spawnShop({ port: 0 });
  });
  afterAll(async () => {
    await shop.stop();
    for (const runDir of runDirs) rmSync(runDir, { recursive: true, force: true });
  });

  // npm relays the group's SIGINT to the phase too: the phase gets it twice, as one stop.
  it('stops on SIGINT to its whole process group (a terminal Ctrl-C) with exit 105, summary.json, a whole timeline and a partial report', async () => {
    const result = await interruptedSmoke(shop.url, (npm) => process.kill(-npm.pid!, 'SIGINT'));
    runDirs.push(result.runDir);
    expect(result.code).toBe(105);
    expectReadableFolder(result.runDir);
    expect(result.stderr).toContain('report: ');
    expect(readFileSync(path.join(result.runDir, 'report.md'), 'utf8')).toContain('**Partial run:** it was stopped before its plan ended');
  }, 90_000);

  it('stops as on SIGTERM when npm alone is killed, and records exit code 105 in engine.log', async () => {
    const result = await interruptedSmoke(shop.url, (npm) => {
      const [phase] = execFileSync('pgrep', ['-P', String(npm.pid)], { encoding: 'utf8' }).trim().split('\n');
      expect(phase).toMatch(/^\d+$/);
      npm.kill('SIGKILL');
    });
    runDirs.push(result.runDir);
    expect(result.stderr).toMatch(/parent process \d+ is gone: stopping the run/);
    expectReadableFolder(result.runDir);
  }, 90_000);

  it('refuses an --out path it cannot write with one line and exit 104, before a run folder or a service exists', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-bad-out-'));
    const child = spawn(TSX, [PHASE_SCRIPT, 'smoke', '--scenario', 'product-get', '--out', 'json=/nonexistent/loadbook/x.json'], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(104);
    expect(stderr).toMatch(/^error: invalid --out json=\/nonexistent\/loadbook\/x\.json: cannot write there \(ENOENT\); expected a file in an existing, writable folder\n$/);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});
