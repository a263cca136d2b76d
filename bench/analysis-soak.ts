// Measures that analysis scales to long runs: it streams, its memory does not grow with the run's length,
// and a 4-hour soak's timeline is analysed in seconds. It writes a soak run folder (plan.json from
// buildPlan, stretched to the longest soak of docs/runbook.md §9, 4 h; timeline.ndjson.gz in the engine's
// TimelineRecord shape with the ~75 series a 5-scenario mix writes each second, histograms from the
// engine's encodeHistogram; server.ndjson every 5 s), then a 1-hour one, and times analyzeRun on each in a fresh child process:
// wall, CPU, peak RSS (getrusage maxrss), the heap still reachable after a forced GC with the result
// held, and a pass under a fixed old-space cap (what would slow down or fail if state grew). The
// baseline, measured in the same run, is a bare gunzip + readline + JSON.parse pass over the same
// timeline. Figures go in the notes, never into a test.
// Usage: npm run bench:analysis [-- --hours 4,1] [--keep]
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { buildPlan, type Plan } from '../plan/build-plan.ts';
import { loadConfig } from '../plan/load-config.ts';
import { analyzeRun } from '../reports/analysis/analyze-run.ts';
import { writeSoakRun } from './soak-run-writer.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};

/** One measured pass in this (child) process, printed as a JSON line for the parent. */
async function measure(mode: 'analyze' | 'parse', dir: string): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let records = 0;
  let kept: unknown;
  if (mode === 'analyze') {
    const analysis = await analyzeRun(dir);
    records = analysis.seconds;
    kept = analysis;
  } else {
    const lines = createInterface({ input: createReadStream(path.join(dir, 'timeline.ndjson.gz')).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) if ((JSON.parse(line) as { kind: string }).kind === 'series') records++;
  }
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  // What stays reachable once the pass is over, its result still held: grows only if state does.
  (globalThis as { gc?: () => void }).gc?.();
  const retainedMiB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  console.log(JSON.stringify({ wallS, cpuS: (cpu.user + cpu.system) / 1e6, peakMiB, startMiB: rssBefore / 1048576, retainedMiB, records, kept: kept !== undefined }));
}

const run = promisify(execFile);
/** The old-space cap of the capped pass (--max-old-space-size). */
const CAPPED_OLD_SPACE_MIB = 64;
async function inChild(mode: 'analyze' | 'parse', dir: string, nodeFlags: string[] = []) {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await run(process.execPath, [...nodeFlags, '--expose-gc', '--import', 'tsx', self, `--${mode}`, dir], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { wallS: number; cpuS: number; peakMiB: number; startMiB: number; retainedMiB: number; records: number };
}

/** The stock soak plan (warm-up, then the hold at baseline), its hold stretched so the run lasts `hours`. */
function soakPlan(hours: number): Plan {
  const config = loadConfig({ cwd: fileURLToPath(new URL('..', import.meta.url)) });
  const scenarios = ['product-get', 'order-post', 'inventory-grpc', 'ws-broadcast', 'kafka-publish'];
  const plan = buildPlan({ phase: 'soak', scenarios, config, workers: 2, now: new Date('2026-11-29T00:00:00Z') });
  const totalMs = hours * 3_600_000;
  const stretch = <T extends { label: string; endMs: number }>(stages: T[]) => {
    const last = stages[stages.length - 1]!;
    last.endMs = totalMs;
  };
  stretch(plan.stages);
  for (const scenario of plan.scenarios) {
    stretch(scenario.stages);
    scenario.totalMs = totalMs;
  }
  plan.totalMs = totalMs;
  return plan;
}

async function main(): Promise<void> {
  const analyzeDir = flag('--analyze');
  if (analyzeDir) return measure('analyze', analyzeDir);
  const parseDir = flag('--parse');
  if (parseDir) return measure('parse', parseDir);

  const hours = (flag('--hours') ?? '4,1').split(',').map(Number);
  const root = await mkdtemp(path.join(tmpdir(), 'analysis-soak-'));
  const rows: string[][] = [];
  try {
    for (const h of hours) {
      const dir = path.join(root, `soak-${h}h`);
      await mkdir(dir);
      const plan = soakPlan(h);
      await writeFile(path.join(dir, 'plan.json'), JSON.stringify(plan, null, 2));
      const genStarted = performance.now();
      const written = await writeSoakRun(dir, plan, Date.UTC(2026, 10, 29, 0, 0, 0));
      const genS = (performance.now() - genStarted) / 1000;
      const gzMiB = (await stat(path.join(dir, 'timeline.ndjson.gz'))).size / 1048576;
      console.log(
        `${h} h soak: ${written.seconds.toLocaleString('en')} s, ${written.records.toLocaleString('en')} timeline records ` +
          `(${written.seriesPerSecond.toFixed(0)} series/s), ${gzMiB.toFixed(0)} MiB gzipped, ${written.serverSamples} server samples; written in ${genS.toFixed(0)} s`,
      );
      // Two rounds each, alternating, since the cores are shared: the figures below take the faster.
      const parse = [await inChild('parse', dir)];
      const analyze = [await inChild('analyze', dir)];
      parse.push(await inChild('parse', dir));
      analyze.push(await inChild('analyze', dir));
      // V8 lets the heap grow while garbage comes fast, so peak RSS alone says little about what analysis
      // keeps. Under a fixed old-space cap, a run that kept more per second would slow down in GC or fail.
      const capped = [await inChild('analyze', dir, [`--max-old-space-size=${CAPPED_OLD_SPACE_MIB}`])];
      const best = (list: typeof parse) => list.reduce((a, b) => (b.cpuS < a.cpuS ? b : a));
      const passes = [
        ['bare JSON.parse', parse],
        ['analyzeRun', analyze],
        [`analyzeRun, heap ≤ ${CAPPED_OLD_SPACE_MIB} MiB`, capped],
      ] as const;
      for (const [label, list] of passes) {
        const m = best([...list]);
        rows.push([
          `${h} h`,
          label,
          written.records.toLocaleString('en'),
          m.wallS.toFixed(1),
          m.cpuS.toFixed(1),
          Math.round(written.records / m.cpuS).toLocaleString('en'),
          m.peakMiB.toFixed(0),
          (m.peakMiB - m.startMiB).toFixed(0),
          m.retainedMiB.toFixed(1),
        ]);
      }
    }
    const head = ['run', 'pass', 'records', 'wall s', 'CPU s', 'records/CPU-s', 'peak RSS MiB', 'over start MiB', 'heap kept MiB'];
    const widths = head.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => '| ' + cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ') + ' |';
    console.log(['', line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  } finally {
    if (args.includes('--keep')) console.log(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

await main();
