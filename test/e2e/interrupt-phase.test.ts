import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../reports/analysis/index.ts';
import { createReport } from '../../reports/report/create-report.ts';
import { spawnShop, type SpawnedShop } from '../../shop/index.ts';
import { eventually, isRunning } from '../integration/shop/process-helpers.ts';
import { childrenWith, privateNetns, type PrivateNetns } from '../support/private-netns.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PHASE_SCRIPT = path.join(ROOT, 'scripts/phase.ts');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SHOP_MAIN = path.join(ROOT, 'shop/main.ts');
const RUNS = path.join(ROOT, 'out/runs');

interface Finished {
  code: number | null;
  stderr: string;
  runDir: string;
}

/** The short smoke the cases run: at 0.05, 15 s as planned, stopped long before by the signal. */
const smokeArgs = (timeScale = '0.05') => ['--time-scale', timeScale, '--scenario', 'product-get', '--quiet'];

/** When to interrupt: the run folder and what the phase said so far say whether it is time. */
type Moment = (runDir: string, stderr: string) => boolean;
const midRun: Moment = (runDir) => existsSync(path.join(runDir, 'timeline.ndjson.gz'));

/**
 * `npm run smoke` as a terminal starts it: npm leads a process group of its own. `interrupt` is called
 * with npm's process and what the phase said so far, `afterMs` after `moment` first holds (by default:
 * the run is writing its timeline).
 */
function interruptedSmoke(
  args: string[],
  interrupt: (npm: ChildProcess, said: () => string) => void,
  { moment = midRun, afterMs = 500, env = process.env } = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    const npm = spawn('npm', ['run', 'smoke', '--', ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let runDir = '';
    npm.stdout!.resume();
    npm.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const folder = /run folder: (\S+)/.exec(stderr)?.[1];
      if (!runDir && folder) runDir = path.join(ROOT, folder);
    });
    const poll = setInterval(() => {
      if (!runDir || !moment(runDir, stderr)) return;
      clearInterval(poll);
      setTimeout(() => interrupt(npm, () => stderr), afterMs);
    }, 10);
    // 'close' waits for every holder of the pipes: the phase too, even once npm is gone.
    npm.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stderr, runDir });
    });
  });
}

/** The phase's own node process: npm's only child (the script line execs node). */
function phaseOf(npm: ChildProcess): number {
  const [phase] = execFileSync('pgrep', ['-P', String(npm.pid)], { encoding: 'utf8' }).trim().split('\n');
  expect(phase).toMatch(/^\d+$/);
  return Number(phase);
}

/** The timeline's records up to its last whole one, even when its gzip stream was cut. */
function timelineRecords(runDir: string): { kind: string; exitCode?: number }[] {
  const text = gunzipSync(readFileSync(path.join(runDir, 'timeline.ndjson.gz')), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  return text.split('\n').slice(0, -1).map((line) => JSON.parse(line));
}

function expectReadableFolder(runDir: string): void {
  expect(JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')).metrics.iterations.values.count).toBeGreaterThan(0);
  // Without finishFlush, gunzipSync throws unless the gzip stream is whole.
  const records = gunzipSync(readFileSync(path.join(runDir, 'timeline.ndjson.gz'))).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(records.at(-1)).toMatchObject({ kind: 'stop', exitCode: 105 });
  expect(readFileSync(path.join(runDir, 'engine.log'), 'utf8')).toContain('run ended with exit code 105');
}

/** Temporary files a killed or failed report writer left in the run folder. */
function strayFiles(runDir: string): string[] {
  return readdirSync(runDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp'));
}

describe('an interrupted phase', () => {
  let shop: SpawnedShop;
  const runDirs: string[] = [];
  beforeAll(async () => {
    shop = await spawnShop({ port: 0 });
  });
  afterAll(async () => {
    await shop.stop();
    // Only run folders: a run that never said where its folder is must not make this remove anything else.
    for (const runDir of runDirs) if (path.dirname(runDir) === RUNS) rmSync(runDir, { recursive: true, force: true });
  });
  const smoke = () => [...smokeArgs(), '--target', shop.url];

  // npm relays the group's SIGINT to the phase too: the phase gets it twice, as one stop.
  it('stops on SIGINT to its whole process group (a terminal Ctrl-C) with exit 105, summary.json, a whole timeline and a partial report', async () => {
    // Without tsx's cache, as on a fresh clone, the report's modules are compiled after the signal: by the
    // esbuild service, which the group's Ctrl-C reaches too.
    const coldCache = { env: { ...process.env, TSX_DISABLE_CACHE: '1' } };
    const result = await interruptedSmoke(smoke(), (npm) => process.kill(-npm.pid!, 'SIGINT'), coldCache);
    runDirs.push(result.runDir);
    expect(result.code).toBe(105);
    expectReadableFolder(result.runDir);
    expect(result.stderr).toContain('report: ');
    expect(readFileSync(path.join(result.runDir, 'report.md'), 'utf8')).toContain('**Partial run:** it was stopped before its plan ended');
  }, 90_000);

  it('stops on SIGTERM to its own node process alone with exit 105, summary.json, a whole timeline and a partial report', async () => {
    const result = await interruptedSmoke(smoke(), (npm) => process.kill(phaseOf(npm), 'SIGTERM'));
    runDirs.push(result.runDir);
    expect(result.code, result.stderr).toBe(105);
    expect(result.stderr).toContain('SIGTERM: stopping the run and keeping its results');
    expectReadableFolder(result.runDir);
    expect(readFileSync(path.join(result.runDir, 'report.md'), 'utf8')).toContain('**Partial run:** it was stopped before its plan ended \\(exit code 105: test run stopped by a signal');
  }, 90_000);

  // The killed run's own services are left to phase-services.test.ts, whose orphan test kills a run the same way.
  it('leaves a folder the report reads up to its last whole second, marked partial, when its node process is SIGKILLed mid-run', async () => {
    const result = await interruptedSmoke([...smoke(), '--no-report'], (npm) => process.kill(phaseOf(npm), 'SIGKILL'), { afterMs: 1_500 });
    runDirs.push(result.runDir);
    expect(existsSync(path.join(result.runDir, 'summary.json'))).toBe(false);
    const records = timelineRecords(result.runDir);
    // Each second reaches the file as it is written: a buffered gzip stream held only its 10-byte header.
    expect(records.filter((record) => record.kind === 'series').length).toBeGreaterThan(0);
    expect(records.some((record) => record.kind === 'stop')).toBe(false);
    const analysis = await analyzeRun(result.runDir);
    expect(analysis.partial?.kind).toBe('cut');
    expect(analysis.scenarios[0]!.whole.traffic.iterations).toBeGreaterThan(0);
    const report = await createReport({ kind: 'run', run: result.runDir });
    expect(readFileSync(report.paths[0]!, 'utf8')).toContain('**Partial run:** its timeline is cut short');
  }, 90_000);

  it('stops as on SIGTERM when npm alone is killed, and records exit code 105 in engine.log', async () => {
    const result = await interruptedSmoke(smoke(), (npm) => {
      phaseOf(npm);
      npm.kill('SIGKILL');
    });
    runDirs.push(result.runDir);
    expect(result.stderr).toMatch(/parent process \d+ is gone: stopping the run/);
    expectReadableFolder(result.runDir);
  }, 90_000);

  // These runs end on their own (1.5 s); the report of one takes about half a second once summary.json is written.
  const ended = () => [...smokeArgs('0.005'), '--target', shop.url];
  const runEnded: Moment = (runDir) => existsSync(path.join(runDir, 'summary.json'));

  it('lets a first Ctrl-C during the report finish it, then starts no further run of a --repeat and exits with 105', async () => {
    const result = await interruptedSmoke([...ended(), '--repeat', '2'], (npm) => process.kill(-npm.pid!, 'SIGINT'), { moment: runEnded, afterMs: 250 });
    runDirs.push(result.runDir);
    expect(result.code, result.stderr).toBe(105);
    // Under load the signal may come while the ended run still stops its samplers: the same stop then.
    expect(result.stderr).toMatch(/SIGINT: (the run has ended; finishing its report|stopping the run and keeping its results) \(again to stop at once\)/);
    expect(result.stderr).toContain('stopped after run 1 of 2');
    expect(readFileSync(path.join(result.runDir, 'report.md'), 'utf8')).not.toContain('Partial run');
    expect(readFileSync(path.join(result.runDir, 'report.html'), 'utf8').trimEnd()).toMatch(/<\/html>$/);
    expect(strayFiles(result.runDir)).toEqual([]);
    expect(result.stderr).not.toContain('run 2 of 2');
  }, 90_000);

  // Once the phase has taken the first Ctrl-C, it is frozen (SIGSTOP) for longer than one Ctrl-C lasts, so
  // that the second one surely finds the report unwritten (it takes about half a second): either under way,
  // or (under load) not yet begun while the ended run stops its samplers.
  it('stops at once on a second Ctrl-C during the report, with exit 105 and no report file written in part', async () => {
    const result = await interruptedSmoke(
      ended(),
      (npm, said) => {
        const phase = phaseOf(npm);
        process.kill(-npm.pid!, 'SIGINT');
        const poll = setInterval(() => {
          if (!/SIGINT: (the run has ended|stopping the run)/.test(said())) return;
          clearInterval(poll);
          process.kill(phase, 'SIGSTOP');
          setTimeout(() => {
            process.kill(-npm.pid!, 'SIGINT');
            process.kill(phase, 'SIGCONT');
          }, 700);
        }, 5);
      },
      { moment: runEnded, afterMs: 250 },
    );
    runDirs.push(result.runDir);
    expect(result.code, result.stderr).toBe(105);
    expect(result.stderr).toContain('SIGINT again: stopping at once');
    expect(result.stderr).toMatch(/report (not written|skipped): stopped at once; npm run report -- \S+ writes it/);
    expect(existsSync(path.join(result.runDir, 'report.md'))).toBe(false);
    expect(existsSync(path.join(result.runDir, 'report.html'))).toBe(false);
    expect(strayFiles(result.runDir)).toEqual([]);
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

// A namespace of its own: the phase starts its shop while nobody else's listens on the default port.
describe('a phase interrupted while its services start', () => {
  let netns: PrivateNetns | undefined;
  let cwd: string | undefined;
  afterEach(async () => {
    await netns?.close();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
    netns = undefined;
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops on %s while its shop is spawning: exit 105, the shop gone, and a run folder the report reads as stopped',
    async (signal) => {
      netns = await privateNetns();
      cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-startup-signal-'));
      const run = netns.run('phase.ts', ['smoke', ...smokeArgs(), '--no-report'], cwd);
      let shopPid: number | undefined;
      await eventually(() => (shopPid = childrenWith(run.child.pid!, SHOP_MAIN)[0]) !== undefined, 'the run spawned its shop', 60_000);
      run.child.kill(signal);
      const end = await run.exited;
      expect(end.code, end.stderr).toBe(105);
      expect(end.stderr).toContain('stopped during start-up: interrupted while starting services; stopped the ones this run had started');
      expect(isRunning(shopPid!)).toBe(false);
      expect(readdirSync(path.join(netns.cacheHome, 'loadbook/services')).filter((file) => file.endsWith('.json'))).toEqual([]);
      const [folder] = readdirSync(path.join(cwd, 'out/runs'));
      const runDir = path.join(cwd, 'out/runs', folder!);
      expect(JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')).metrics).toBeDefined();
      expect(timelineRecords(runDir).at(-1)).toMatchObject({ kind: 'stop', exitCode: 105 });
      expect((await analyzeRun(runDir)).partial).toMatchObject({ kind: 'stopped', exitCode: 105 });
    },
    120_000,
  );
});
