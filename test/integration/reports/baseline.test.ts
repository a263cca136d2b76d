import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import { decodeHistogram, percentileOf } from '../../../engine/metrics/hdr.ts';
import type { PhaseStage } from '../../../phases/index.ts';
import { analyzeRun, type RunAnalysis } from '../../../reports/analysis/index.ts';
import { createBaseline, readBaseline } from '../../../reports/baseline/index.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';
import { runScript } from '../../support/run-script.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = new URL('../../fixtures/scripts/analysis-stages.ts', import.meta.url).pathname;
const RATE = 40;
const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 1000, startRate: RATE, endRate: RATE },
  { label: 'steady', startMs: 1000, endMs: 3000, startRate: RATE, endRate: RATE },
  { label: 'burst', startMs: 3000, endMs: 4000, startRate: RATE, endRate: RATE },
];
const CREATED_AT = '2026-11-29T02:16:19.412Z';

const baselineScript = (args: string[]) => runScript('baseline.ts', args);

/** The p95 cell of each row of the markdown table under `### <scenario>`, by window label. */
function p95Cells(markdown: string, scenario: string): Map<string, number> {
  const section = markdown.split(`### ${scenario}\n`)[1]!.split('\n###')[0]!;
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const header = lines[0]!.split('|').map((cell) => cell.trim());
  const column = header.indexOf('p95 ms');
  const cells = new Map<string, number>();
  for (const row of lines.slice(2)) {
    const parts = row.split('|').map((cell) => cell.trim());
    cells.set(parts[1]!, Number(parts[column]!.replace(/,/g, '')));
  }
  return cells;
}

const within1Percent = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(0.01);

describe('a baseline of a run folder the engine wrote', () => {
  let server: DelayServer;
  let runDir: string;
  let dir: string;
  let analysis: RunAnalysis;
  beforeAll(async () => {
    server = await startDelayServer(10);
    runDir = mkdtempSync(join(tmpdir(), 'loadbook-baseline-run-'));
    dir = mkdtempSync(join(tmpdir(), 'loadbook-baselines-'));
    const result = await runTest({ script: SCRIPT, env: { TARGET: server.url, RATE: String(RATE) }, runDir, workers: 1, quiet: true, stdout: () => {} });
    expect(result.exitCode).toBe(0);
    // The phase script writes plan.json; this run's equivalent, with the fields analysis reads.
    const plan = {
      phase: 'steady',
      createdAt: CREATED_AT,
      target: { baseUrl: server.url },
      baselineRate: RATE,
      timeScale: 1,
      runtime: { cores: 2, workers: 1 },
      stages: STAGES.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })),
      totalMs: 4000,
      scenarios: [{ name: 'analysis', budgetP95Ms: 1000, stages: STAGES, totalMs: 4000 }],
      options: { thresholds: { 'http_req_duration{scenario:analysis}': ['p(95)<1000'], 'checks{scenario:analysis}': ['rate>0.99'] } },
    };
    writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
    analysis = await analyzeRun(runDir);
  });
  afterAll(async () => {
    await server.close();
    rmSync(runDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows in its table the p95 of the analysis of the same run (within 1%), and the twin’s histograms agree', async () => {
    const { markdownPath, jsonPath } = await createBaseline({ run: runDir, dir });
    expect(markdownPath).toBe(join(dir, 'steady-2026-11-29.md'));
    const cells = p95Cells(readFileSync(markdownPath, 'utf8'), 'analysis');
    const [scenario] = analysis.scenarios;
    expect([...cells.keys()]).toEqual(['whole run', 'warm-up', 'steady', 'burst']);

    within1Percent(cells.get('whole run')!, scenario!.whole.latency!.p95);
    for (const stage of scenario!.stages) within1Percent(cells.get(stage.label)!, stage.signals.latency!.p95);

    const twin = await readBaseline(jsonPath);
    const { histograms } = twin.scenarios[0]!;
    within1Percent(cells.get('whole run')!, percentileOf(decodeHistogram(histograms.whole!), 95));
    for (const { label, hdr } of histograms.stages) within1Percent(cells.get(label)!, percentileOf(decodeHistogram(hdr), 95));
    expect(histograms.stages.map(({ label }) => label)).toEqual(['warm-up', 'steady', 'burst']);
    expect(twin.run.target).toBe(server.url);
    expect(twin.provenance.gitCommit).toMatch(/^([0-9a-f]{40}|unknown)$/);
  });

  it('is written by npm run baseline, which prints both paths and never overwrites', async () => {
    const scriptDir = join(dir, 'script');
    const first = await baselineScript([runDir, '--dir', scriptDir]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`${join(scriptDir, 'steady-2026-11-29.md')}\n${join(scriptDir, 'steady-2026-11-29.json')}\n`);
    const before = readFileSync(join(scriptDir, 'steady-2026-11-29.md'));
    const second = await baselineScript([runDir, '--dir', scriptDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('steady-2026-11-29-2.md');
    expect(readFileSync(join(scriptDir, 'steady-2026-11-29.md'))).toEqual(before);
  });

  it('exits 2 with one line and writes nothing when the run folder cannot be analysed', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'loadbook-broken-run-'));
    writeFileSync(join(broken, 'plan.json'), '{"phase": "steady",');
    const scriptDir = join(dir, 'broken');
    try {
      const result = await baselineScript([broken, '--dir', scriptDir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: cannot analyse run .*; check the run folder is complete or run the phase again\n$/);
      expect(() => readdirSync(scriptDir)).toThrow(/ENOENT/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
