import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../../engine/index.ts';
import type { PhaseStage } from '../../../phases/index.ts';
import { analyzeRun } from '../../../reports/analysis/analyze-run.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const SCRIPT = new URL('../../fixtures/scripts/analysis-stages.ts', import.meta.url).pathname;
const RATE = 40;
const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 1000, startRate: RATE, endRate: RATE },
  { label: 'steady', startMs: 1000, endMs: 3000, startRate: RATE, endRate: RATE },
  { label: 'burst', startMs: 3000, endMs: 4000, startRate: RATE, endRate: RATE },
];

type Values = Record<string, number>;

describe('analyzeRun on a run folder the engine wrote', () => {
  let server: DelayServer;
  let runDir: string;
  beforeAll(async () => {
    server = await startDelayServer(10);
    runDir = mkdtempSync(join(tmpdir(), 'loadbook-analysis-run-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('matches summary.json: counts exactly, p95 within 1%, and splits samples by their stage tag', async () => {
    const result = await runTest({ script: SCRIPT, env: { TARGET: server.url, RATE: String(RATE) }, runDir, workers: 1, quiet: true, stdout: () => {} });
    expect(result.exitCode).toBe(0);
    // The phase script writes plan.json; this run's equivalent, with only the fields analysis reads.
    const plan = {
      phase: 'steady',
      scenarios: [{ name: 'analysis', budgetP95Ms: 1000, stages: STAGES, totalMs: 4000 }],
      options: { thresholds: { 'http_req_duration{scenario:analysis}': ['p(95)<1000'], 'checks{scenario:analysis}': ['rate>0.99'] } },
    };
    writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));

    const analysis = await analyzeRun(runDir);
    const metrics = result.summary!.metrics;
    const values = (name: string) => metrics[name]!.values as Values;
    const [scenario] = analysis.scenarios;
    expect(scenario!.metric).toBe('http_req_duration');

    const { whole } = scenario!;
    const duration = values('http_req_duration{scenario:analysis}');
    expect(whole.latency!.count).toBe(duration.count);
    expect(Math.abs(whole.latency!.p95 - duration['p(95)']!) / duration['p(95)']!).toBeLessThanOrEqual(0.01);
    expect(whole.latency!.max).toBe(duration.max);
    expect(whole.traffic.iterations).toBe(values('iterations').count);
    expect(whole.traffic.requests).toBe(values('http_reqs').count);
    expect(whole.errors.httpRequests).toBe(values('http_req_failed').passes! + values('http_req_failed').fails!);
    expect(whole.errors.checks).toBe(values('checks').passes! + values('checks').fails!);
    expect(whole.errors.checksFailed).toBe(0);
    expect(whole.traffic.droppedIterations).toBe(0);
    expect(whole.traffic.targetRate).toBe(RATE);
    expect(whole.traffic.achievedRatio).toBeGreaterThan(0.95);

    expect(scenario!.stages.map((stage) => stage.label)).toEqual(['warm-up', 'steady', 'burst']);
    const counts = scenario!.stages.map((stage) => stage.signals.latency?.count ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(duration.count);
    // 40/s: about 40 in warm-up, 80 in steady, 40 in burst (timer edges may move one or two).
    expect(counts[0]).toBeGreaterThanOrEqual(35);
    expect(counts[1]).toBeGreaterThanOrEqual(75);
    expect(counts[2]).toBeGreaterThanOrEqual(35);
    for (const stage of scenario!.stages) expect(stage.signals.latency!.p50).toBeGreaterThanOrEqual(10);
  });
});
