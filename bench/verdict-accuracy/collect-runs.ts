import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../lib/seeded-random.ts';
import { interleavedRuns, type AccuracyCase } from './accuracy-cases.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

/** How the runs were made, so the judging step (and a reader of the manifest) knows. */
export interface CollectSettings {
  /** Steady's time scale: 0.03125 turns its 2 min warm-up + 30 min hold into 60 s. */
  readonly timeScale: number;
  /** The shop's dependencyMs, the service time that latencyFactor multiplies. */
  readonly dependencyMs: number;
  readonly scenario: string;
}

/** One finished run. */
export interface CollectedRun {
  readonly case: string;
  readonly latencyFactor: number;
  readonly index: number;
  readonly runDir: string;
  readonly exitCode: number;
}

export interface AccuracyManifest {
  readonly settings: CollectSettings;
  readonly runs: CollectedRun[];
}

/**
 * Runs `npm run steady` (as `tsx scripts/phase.ts steady`) once per planned run, each against a shop of
 * its own started by the phase script with `SHOP_FAULTS` = {dependencyMs, latencyFactor}, and records each
 * run folder in the manifest as soon as the run ends, so an interrupted collection keeps what it made and
 * resumes where it stopped.
 */
export async function collectRuns(manifestFile: string, settings: CollectSettings, cases: readonly AccuracyCase[], log: (line: string) => void): Promise<AccuracyManifest> {
  const manifest: AccuracyManifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : { settings, runs: [] };
  if (JSON.stringify(manifest.settings) !== JSON.stringify(settings)) {
    throw new Error(`${manifestFile} was collected with ${JSON.stringify(manifest.settings)}; expected ${JSON.stringify(settings)}; pass another --out or the same settings`);
  }
  const planned = interleavedRuns(cases);
  for (const [position, run] of planned.entries()) {
    if (manifest.runs.some((done) => done.case === run.case.name && done.index === run.index)) continue;
    const faults = JSON.stringify({ dependencyMs: settings.dependencyMs, latencyFactor: run.case.latencyFactor });
    const started = performance.now();
    const burst = run.case.burstS === undefined ? undefined : contendLater(run.index, run.case.burstS);
    const { runDir, exitCode } = await runSteady(settings, faults);
    burst?.cancel();
    manifest.runs.push({ case: run.case.name, latencyFactor: run.case.latencyFactor, index: run.index, runDir, exitCode });
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    log(`${position + 1}/${planned.length} ${run.case.name} #${run.index + 1}: ${path.basename(runDir)} exit ${exitCode} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return manifest;
}

/** Seconds into a run before its burst may start (after warm-up and start-up) and the latest it may start. */
const BURST_WINDOW_S = [12, 45] as const;

/**
 * Two busy processes for `seconds`, starting at a moment seeded by the run's index within BURST_WINDOW_S
 * of the run about to start. `cancel` stops whatever is left when the run ends.
 */
function contendLater(index: number, seconds: number): { cancel(): void } {
  const [from, to] = BURST_WINDOW_S;
  const startS = from + seededRandom(index + 1)() * (to - from);
  const busy = `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end);`;
  const children: ChildProcess[] = [];
  const timer = setTimeout(() => {
    for (let core = 0; core < 2; core++) children.push(spawn(process.execPath, ['-e', busy], { stdio: 'ignore' }));
  }, startS * 1000);
  return {
    cancel() {
      clearTimeout(timer);
      for (const child of children) child.kill();
    },
  };
}

function runSteady(settings: CollectSettings, faults: string): Promise<{ runDir: string; exitCode: number }> {
  const args = [TSX_CLI, 'scripts/phase.ts', 'steady', '--scenario', settings.scenario, '--time-scale', String(settings.timeScale), '--quiet', '--no-report'];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, SHOP_FAULTS: faults }, stdio: ['ignore', 'ignore', 'pipe'] });
  let runDir: string | undefined;
  const lines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    lines.push(line);
    const found = /^run folder: (\S+)/.exec(line);
    if (found) runDir ??= found[1];
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (runDir === undefined) reject(new Error(`the phase made no run folder (exit ${code}): ${lines.slice(-3).join(' | ')}`));
      else resolve({ runDir: path.resolve(REPO_ROOT, runDir), exitCode: code ?? 1 });
    });
  });
}
