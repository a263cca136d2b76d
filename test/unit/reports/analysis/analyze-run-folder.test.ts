import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHistogram, percentileOf } from '../../../../engine/metrics/hdr.ts';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';
import type { ExemplarsFile } from '../../../../engine/output/exemplar.ts';
import { DEFAULT_CONFIG } from '../../../../lib/config.ts';
import type { PhaseStage } from '../../../../phases/index.ts';
import { analyzeRun } from '../../../../reports/analysis/index.ts';
import type { ServerSample } from '../../../../reports/samplers/server-sample.ts';
import { plainDelta, tempRunDir, trendDelta, writeTimeline } from './timeline-fixture.ts';

/** writeTimeline's second 0. */
const STARTED_AT = 1_700_000_000_000;
const MIB = 2 ** 20;
const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 6000, startRate: 0, endRate: 12 },
  { label: 'steady', startMs: 6000, endMs: 20_000, startRate: 12, endRate: 12 },
];
const SECONDS = 20;

function writePlan(runDir: string, reports: object | undefined): void {
  const plan = {
    planVersion: 1,
    createdAt: '2026-11-29T02:16:19.000Z',
    phase: 'steady',
    target: { baseUrl: 'http://qa:secret@127.0.0.1:3300?apikey=k', host: '127.0.0.1' },
    baselineRate: 12,
    timeScale: 0.01,
    budgets: { 'product-get': 120 },
    scenarios: [{ name: 'product-get', budgetP95Ms: 120, stages: STAGES, totalMs: 20_000 }],
    options: { thresholds: { 'http_req_duration{scenario:product-get}': ['p(95)<120'] } },
    stages: STAGES.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })),
    totalMs: 20_000,
    config: reports === undefined ? {} : { reports },
    configSha256: 'cd'.repeat(32),
    runtime: { node: 'v20.19.0', cores: 2, platform: 'linux', arch: 'x64', workers: 1 },
  };
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
}

/** Latencies of second `s`: 12 requests from 5 to 60 ms, the slowest rising with s. */
const latencies = (s: number) => Array.from({ length: 12 }, (_, i) => 5 + i * 4 + (i === 11 ? s : 0));

async function writeRun(runDir: string): Promise<void> {
  await writeTimeline(
    runDir,
    Array.from({ length: SECONDS }, (_, s): SeriesDelta[] => {
      const tags = { scenario: 'product-get', stage: s < 6 ? 'warm-up' : 'steady' };
      return [
        trendDelta('http_req_duration', tags, latencies(s)),
        plainDelta('iterations', 'counter', tags, 12, 12),
        plainDelta('http_req_failed', 'rate', tags, 12, s === 10 ? 2 : 0),
        plainDelta('checks', 'rate', tags, 12, 12),
        { ...plainDelta('vus', 'gauge', {}, 1, 2 + (s % 3)), max: 2 + (s % 3) },
        // Warm-up seconds (s < 6 at time scale 0.01) miss; after it the hot bucket hits, the cold one half.
        plainDelta('cache_hit', 'rate', { ...tags, id_bucket: '1' }, 8, s < 6 ? 0 : 8),
        plainDelta('cache_hit', 'rate', { ...tags, id_bucket: '2-3' }, 4, s < 6 ? 0 : 2),
      ];
    }),
  );
  const at = (s: number) => new Date(STARTED_AT + s * 1000).toISOString();
  const samples: ServerSample[] = Array.from({ length: 10 }, (_, i) => ({
    kind: 'saturation',
    time: at(i * 2),
    source: 'http://127.0.0.1:3300/metrics',
    cpuPercent: 20 + i,
    heapUsedBytes: (50 + i) * MIB,
  }));
  writeFileSync(join(runDir, 'server.ndjson'), samples.map((sample) => JSON.stringify(sample)).join('\n') + '\n');
  const exemplars: ExemplarsFile = {
    version: 1,
    perScenario: 1,
    exemplars: [
      {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        metric: 'http_req_duration',
        durationMs: 79,
        time: at(19),
        scenario: 'product-get',
        name: 'http://127.0.0.1:3300/products/{id}',
        status: '200',
        attributes: { 'cache.hit': 'false' },
      },
    ],
  };
  writeFileSync(join(runDir, 'exemplars.json'), JSON.stringify(exemplars));
}

describe('analyzeRun on a full run folder', () => {
  it('reports the run facts from plan.json, without credentials', async () => {
    const runDir = tempRunDir();
    writePlan(runDir, DEFAULT_CONFIG.reports);
    await writeRun(runDir);
    const { run } = await analyzeRun(runDir);
    expect(run).toMatchObject({ source: 'loadbook', target: 'http://127.0.0.1:3300', baselineRate: 12, timeScale: 0.01, cores: 2, workers: 1 });
    expect(run.stages).toEqual([
      { label: 'warm-up', startS: 0, endS: 6 },
      { label: 'steady', startS: 6, endS: 20 },
    ]);
  });

  it('keeps merged histograms whose percentiles are the analysis percentiles, and 5 s windows that add up to them', async () => {
    const runDir = tempRunDir();
    writePlan(runDir, DEFAULT_CONFIG.reports);
    await writeRun(runDir);
    const [scenario] = (await analyzeRun(runDir)).scenarios;
    const { histograms, whole, stages } = scenario!;
    const decoded = decodeHistogram(histograms.whole!);
    expect(decoded.totalCount).toBe(whole.latency!.count);
    expect(Math.min(whole.latency!.max, percentileOf(decoded, 95))).toBe(whole.latency!.p95);
    for (const { label, signals } of stages) {
      expect(decodeHistogram(histograms.stages[label]!).totalCount).toBe(signals.latency!.count);
    }
    expect(histograms.windowS).toBe(5);
    expect(histograms.windows.map((window) => window.second)).toEqual([0, 5, 10, 15]);
    const windowCounts = histograms.windows.map(({ hdr }) => decodeHistogram(hdr).totalCount);
    expect(windowCounts).toEqual([60, 60, 60, 60]);
  });

  it('gives chart series per second whose counts add up to the run', async () => {
    const runDir = tempRunDir();
    writePlan(runDir, DEFAULT_CONFIG.reports);
    await writeRun(runDir);
    const { series, scenarios } = await analyzeRun(runDir);
    expect(series.bucketS).toBe(1);
    expect(series.latency).toHaveLength(SECONDS);
    // Second 19's slowest request: 5 + 11 × 4 + 19 ms.
    expect(series.latency[19]).toMatchObject({ scenario: 'product-get', second: 19, p99: 68 });
    expect(series.rate.reduce((total, point) => total + point.achieved, 0)).toBe(scenarios[0]!.whole.traffic.iterations);
    expect(series.rate[3]).toEqual({ scenario: 'product-get', second: 3, achieved: 12, target: 7 });
    expect(series.rate[10]!.target).toBe(12);
    expect(series.errors.reduce((total, point) => total + point.httpFailed, 0)).toBe(scenarios[0]!.whole.errors.httpFailed);
    expect(series.vus.slice(0, 4).map((point) => point.vus)).toEqual([2, 3, 4, 2]);
    expect(series.saturation).toHaveLength(10);
    expect(series.saturation[9]).toEqual({ source: 'http://127.0.0.1:3300/metrics', second: 18, cpuPercent: 29, heapUsedMiB: 59 });
  });

  it('checks caching after the scaled warm-up, fits the heap trend and reads the exemplars', async () => {
    const runDir = tempRunDir();
    writePlan(runDir, { ...DEFAULT_CONFIG.reports, topN: 1 });
    await writeRun(runDir);
    const analysis = await analyzeRun(runDir);
    // 600 s × 0.01 = 6 s of warm-up; then 14 s × (8 + 2 hits of 12).
    expect(analysis.caching).toEqual({
      warmupS: 6,
      samples: 14 * 12,
      hitRatio: 10 / 12,
      target: 0.85,
      meetsTarget: false,
      topKeys: [{ bucket: '1', samples: 14 * 8, share: 8 / 12, hitRatio: 1 }],
    });
    // 1 MiB every 2 s: 1800 MiB/h on a perfect line.
    expect(analysis.heapTrend).toMatchObject({ source: 'http://127.0.0.1:3300/metrics', samples: 10, spanS: 18, r2: 1, suspectedLeak: true });
    expect(analysis.heapTrend!.slopeMiBPerHour).toBeCloseTo(1800, 6);
    expect(analysis.saturation[0]!.whole.cpuPercent).toEqual({ mean: 24.5, max: 29, samples: 10 });
    expect(analysis.saturation[0]!.stages.map((stage) => stage.window.cpuPercent!.samples)).toEqual([3, 7]);
    expect(analysis.exemplars.map((exemplar) => exemplar.durationMs)).toEqual([79]);
    expect(analysis).toMatchObject({ kafkaLag: [], samplerErrors: [] });
  });

  it('sizes widths for the gracefulStop tail, so a run that ends 30 s after its plan keeps them', async () => {
    const runDir = tempRunDir();
    writePlan(runDir, DEFAULT_CONFIG.reports);
    const plan = JSON.parse(readFileSync(join(runDir, 'plan.json'), 'utf8'));
    writeFileSync(join(runDir, 'plan.json'), JSON.stringify({ ...plan, totalMs: 3_600_000 }));
    const seconds: SeriesDelta[][] = Array.from({ length: 3630 }, () => []);
    seconds[0] = seconds[3629] = [trendDelta('http_req_duration', { scenario: 'product-get', stage: 'steady' }, [10])];
    await writeTimeline(runDir, seconds);
    const { series, scenarios } = await analyzeRun(runDir);
    // (3600 + 35) s over 600 points and 720 windows.
    expect(series.bucketS).toBe(7);
    expect(scenarios[0]!.histograms.windowS).toBe(6);
    expect(series.latency.map((point) => point.second)).toEqual([0, 3626]);
  });

  it('falls back to the default report settings for a plan without config.reports, and to empty server parts', async () => {
    const runDir = tempRunDir();
    writePlan(runDir, undefined);
    await writeTimeline(runDir, [[plainDelta('cache_hit', 'rate', { scenario: 'product-get', id_bucket: '1' }, 1, 1)]]);
    const analysis = await analyzeRun(runDir);
    expect(analysis.caching).toMatchObject({ warmupS: 6, samples: 0, hitRatio: undefined, target: DEFAULT_CONFIG.reports.cacheHitTarget });
    expect(analysis).toMatchObject({ saturation: [], kafkaLag: [], samplerErrors: [], heapTrend: undefined, exemplars: [] });
  });
});
