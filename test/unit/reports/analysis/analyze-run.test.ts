import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';
import { analyzeRun } from '../../../../reports/analysis/analyze-run.ts';
import type { PhaseStage, StageLabel } from '../../../../phases/index.ts';
import { plainDelta, tempRunDir, trendDelta, writeTimeline } from './timeline-fixture.ts';

const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 2000, startRate: 5, endRate: 10 },
  { label: 'steady', startMs: 2000, endMs: 6000, startRate: 10, endRate: 10 },
  { label: 'burst', startMs: 6000, endMs: 8000, startRate: 50, endRate: 50 },
  { label: 'recovery', startMs: 8000, endMs: 14000, startRate: 10, endRate: 10 },
];

/** Per second: the stage the VUs tag, the latency of each of its 10 requests, and how many of them fail. */
const SECONDS: { stage: StageLabel; latency: number; failed: number }[] = [
  { stage: 'warm-up', latency: 50, failed: 0 },
  { stage: 'warm-up', latency: 50, failed: 0 },
  ...Array.from({ length: 4 }, () => ({ stage: 'steady' as const, latency: 10, failed: 0 })),
  { stage: 'burst', latency: 100, failed: 4 },
  { stage: 'burst', latency: 100, failed: 2 },
  { stage: 'recovery', latency: 40, failed: 0 },
  { stage: 'recovery', latency: 20, failed: 0 },
  { stage: 'recovery', latency: 10.5, failed: 0 },
  ...Array.from({ length: 3 }, () => ({ stage: 'recovery' as const, latency: 10, failed: 0 })),
];

function writePlan(runDir: string): void {
  const plan = {
    phase: 'spike',
    scenarios: [{ name: 'shop', budgetP95Ms: 120, stages: STAGES, totalMs: 14000 }],
    options: {
      thresholds: { 'http_req_duration{scenario:shop}': ['p(95)<120'], 'checks{scenario:shop}': ['rate>0.99'] },
    },
  };
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
}

async function spikeRun(): Promise<string> {
  const runDir = tempRunDir();
  writePlan(runDir);
  await writeTimeline(
    runDir,
    SECONDS.map(({ stage, latency, failed }, second): SeriesDelta[] => {
      const tags = { scenario: 'shop', stage };
      const deltas = [
        trendDelta('http_req_duration', { ...tags, status: '200' }, Array(10 - failed).fill(latency)),
        plainDelta('http_req_failed', 'rate', tags, 10, failed),
        plainDelta('http_reqs', 'counter', tags, 10, 10),
        plainDelta('iterations', 'counter', tags, 10, 10),
        plainDelta('checks', 'rate', tags, 10, 10 - failed),
        // Another scenario and an untagged gauge must not leak into the shop's signals.
        trendDelta('http_req_duration', { scenario: 'other', stage }, [999]),
        plainDelta('vus', 'gauge', {}, 1, 3),
      ];
      if (failed > 0) deltas.push(trendDelta('http_req_duration', { ...tags, status: '503' }, Array(failed).fill(latency * 2)));
      // dropped_iterations carries no stage tag: it belongs to the plan's stage at that second.
      if (second === 7) deltas.push(plainDelta('dropped_iterations', 'counter', { scenario: 'shop' }, 1, 30));
      return deltas;
    }),
  );
  return runDir;
}

describe('analyzeRun on a synthetic spike timeline', () => {
  it('splits golden signals by stage label, with a whole-run entry', async () => {
    const analysis = await analyzeRun(await spikeRun());
    expect(analysis.phase).toBe('spike');
    expect(analysis.seconds).toBe(SECONDS.length);
    const [shop] = analysis.scenarios;
    expect(analysis.scenarios).toHaveLength(1);
    expect(shop!.metric).toBe('http_req_duration');
    expect(shop!.stages.map((stage) => stage.label)).toEqual(['warm-up', 'steady', 'burst', 'recovery']);

    const stage = (label: StageLabel) => shop!.stages.find((entry) => entry.label === label)!.signals;
    expect(stage('warm-up').latency).toMatchObject({ count: 20, p50: 50, p95: 50, max: 50 });
    expect(stage('steady').latency).toMatchObject({ count: 40, p50: 10, p95: 10, p99: 10, max: 10 });
    // Burst: 14 at 100 ms, 6 failed at 200 ms → p50 100, p95 200.
    expect(stage('burst').latency).toMatchObject({ count: 20, min: 100, p95: 200, max: 200 });
    expect(stage('burst').latency!.p50).toBeCloseTo(100, 0); // HDR bucket of 100 ms: within 0.1%
    expect(stage('burst').errors).toEqual({
      httpRequests: 20,
      httpFailed: 6,
      httpFailedRate: 0.3,
      checks: 20,
      checksFailed: 6,
      checksFailedRate: 0.3,
    });
    expect(stage('burst').traffic).toMatchObject({
      iterations: 20,
      iterationsPerS: 10,
      requests: 20,
      targetRate: 50,
      achievedRatio: 0.2,
      droppedIterations: 30,
    });
    expect(stage('warm-up').traffic).toMatchObject({ iterationsPerS: 10, targetRate: 7.5 });
    expect(stage('steady').errors.httpFailedRate).toBe(0);

    expect(shop!.whole.latency!.count).toBe(SECONDS.length * 10);
    expect(shop!.whole.latency!.max).toBe(200);
    expect(shop!.whole.traffic).toMatchObject({ iterations: 140, iterationsPerS: 10, droppedIterations: 30 });
    // (7.5×2 + 10×4 + 50×2 + 10×6) / 14 s
    expect(shop!.whole.traffic.targetRate).toBeCloseTo(215 / 14, 9);
    expect(shop!.whole.errors.checksFailed).toBe(6);
  });

  it('measures spike recovery against the steady p95', async () => {
    const [shop] = (await analyzeRun(await spikeRun())).scenarios;
    // Burst ends at 8 s; second 8 → 40 ms, 9 → 20 ms, 10 → 10.5 ms ≤ 11 ms.
    expect(shop!.recovery).toEqual({ burstEndSecond: 8, baselineP95: 10, recoverySeconds: 2 });
  });

  it('reports no recovery for a plan without a burst', async () => {
    const runDir = tempRunDir();
    writeFileSync(
      join(runDir, 'plan.json'),
      JSON.stringify({
        phase: 'smoke',
        scenarios: [{ name: 'shop', budgetP95Ms: 120, stages: STAGES.slice(0, 2), totalMs: 6000 }],
        options: { thresholds: { 'http_req_duration{scenario:shop}': ['p(95)<120'] } },
      }),
    );
    await writeTimeline(runDir, [[trendDelta('http_req_duration', { scenario: 'shop', stage: 'warm-up' }, [5])]]);
    const [shop] = (await analyzeRun(runDir)).scenarios;
    expect(shop!.recovery).toBeUndefined();
    expect(shop!.stages[1]!.signals.latency).toBeUndefined();
    expect(shop!.whole.latency!.p95).toBe(5);
  });
});
