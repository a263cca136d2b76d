import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../broker/free-port.ts';
import { runTest } from '../../../engine/index.ts';
import { decodeHistogram, percentileOf } from '../../../engine/metrics/hdr.ts';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import type { PhaseStage } from '../../../phases/index.ts';
import { analyzeRun } from '../../../reports/analysis/analyze-run.ts';
import { startSamplers, type ServerSample } from '../../../reports/samplers/index.ts';
import { startDelayServer, type DelayServer } from '../../support/delay-server.ts';

const SCRIPT = new URL('../../fixtures/scripts/analysis-stages.ts', import.meta.url).pathname;
const RATE = 40;
const STAGES: PhaseStage[] = [
  { label: 'warm-up', startMs: 0, endMs: 1000, startRate: RATE, endRate: RATE },
  { label: 'steady', startMs: 1000, endMs: 3000, startRate: RATE, endRate: RATE },
  { label: 'burst', startMs: 3000, endMs: 4000, startRate: RATE, endRate: RATE },
];

type Values = Record<string, number>;

const MIB = 2 ** 20;

/** A Prometheus endpoint whose heap grows 1 MiB per scrape, like a leaking target, and whose CPU counter climbs. */
async function startLeakyMetrics(): Promise<{ url: string; close(): Promise<void> }> {
  let scrapes = 0;
  const server = http.createServer((_request, response) => {
    scrapes++;
    response.setHeader('Content-Type', 'text/plain; version=0.0.4');
    response.end(
      [
        '# TYPE process_cpu_seconds_total counter',
        `process_cpu_seconds_total ${scrapes * 0.05}`,
        '# TYPE nodejs_heap_size_used_bytes gauge',
        `nodejs_heap_size_used_bytes ${(50 + scrapes) * MIB}`,
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

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

  it('matches summary.json: counts exactly, p95 within 1%, stage tags, histograms, series and the samplers\' server.ndjson', async () => {
    // The phase script starts the samplers around the engine, as here: one live target, one dead.
    const leaky = await startLeakyMetrics();
    const dead = `http://127.0.0.1:${await freePort()}/metrics`;
    const samplers = startSamplers({ endpoints: [leaky.url, dead], intervalMs: 200, file: join(runDir, 'server.ndjson'), errorIntervalMs: 1000 });
    let result;
    try {
      result = await runTest({ script: SCRIPT, env: { TARGET: server.url, RATE: String(RATE) }, runDir, workers: 1, quiet: true, stdout: () => {} });
    } finally {
      await samplers.stop();
      await leaky.close();
    }
    expect(result.exitCode).toBe(0);
    // The phase script writes plan.json; this run's equivalent, with the fields analysis reads.
    const plan = {
      createdAt: new Date().toISOString(),
      phase: 'steady',
      target: { baseUrl: server.url, host: '127.0.0.1' },
      baselineRate: RATE,
      timeScale: 1,
      scenarios: [{ name: 'analysis', budgetP95Ms: 1000, stages: STAGES, totalMs: 4000 }],
      options: { thresholds: { 'http_req_duration{scenario:analysis}': ['p(95)<1000'], 'checks{scenario:analysis}': ['rate>0.99'] } },
      stages: STAGES.map(({ label, startMs, endMs }) => ({ label, startMs, endMs })),
      totalMs: 4000,
      config: { reports: DEFAULT_CONFIG.reports },
      configSha256: '0'.repeat(64),
      runtime: { node: process.version, cores: 2, platform: process.platform, arch: process.arch, workers: 1 },
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

    // Histograms: the whole-run one decodes to the analysis' p95; windows and stages add up to it.
    const { histograms } = scenario!;
    const decoded = decodeHistogram(histograms.whole!);
    expect(decoded.totalCount).toBe(duration.count);
    expect(Math.min(whole.latency!.max, Math.max(whole.latency!.min, percentileOf(decoded, 95)))).toBe(whole.latency!.p95);
    expect(histograms.windowS).toBe(5);
    expect(histograms.windows.reduce((total, { hdr }) => total + decodeHistogram(hdr).totalCount, 0)).toBe(duration.count);
    expect(Object.values(histograms.stages).reduce((total, hdr) => total + decodeHistogram(hdr!).totalCount, 0)).toBe(duration.count);

    // Series: per-second buckets whose iterations and failures add up to the run's.
    const { series } = analysis;
    expect(series.bucketS).toBe(1);
    expect(series.rate.reduce((total, point) => total + point.achieved, 0)).toBe(whole.traffic.iterations);
    expect(series.errors.reduce((total, point) => total + point.httpFailed, 0)).toBe(whole.errors.httpFailed);
    expect(series.latency.length).toBeGreaterThanOrEqual(4);
    for (const point of series.latency) expect(point.p95).toBeLessThanOrEqual(whole.latency!.max);
    expect(Math.max(...series.vus.map((point) => point.vus))).toBe(values('vus').max);

    // server.ndjson as the real samplers wrote it.
    const lines = readFileSync(join(runDir, 'server.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ServerSample);
    const saturationLines = lines.filter((line) => line.kind === 'saturation');
    expect(saturationLines.length).toBeGreaterThanOrEqual(10);
    const [target] = analysis.saturation;
    expect(analysis.saturation).toHaveLength(1);
    expect(target!.source).toBe(leaky.url);
    expect(target!.whole.heapUsedMiB!.samples).toBe(saturationLines.length);
    expect(target!.stages.reduce((total, stage) => total + stage.window.heapUsedMiB!.samples, 0)).toBe(saturationLines.length);
    expect(target!.whole.cpuPercent!.max).toBeGreaterThan(0);
    // 1 MiB per scrape every ~200 ms: thousands of MiB per hour, on a straight line.
    expect(analysis.heapTrend).toMatchObject({ source: leaky.url, samples: saturationLines.length, suspectedLeak: true });
    expect(analysis.heapTrend!.r2).toBeGreaterThan(0.9);
    expect(analysis.samplerErrors).toHaveLength(1);
    expect(analysis.samplerErrors[0]).toMatchObject({ source: dead, firstError: expect.stringMatching(/ECONNREFUSED/) });
    expect(analysis.samplerErrors[0]!.errors).toBeGreaterThanOrEqual(10);
    expect(analysis.run).toMatchObject({ source: 'loadbook', target: server.url, cores: 2, workers: 1 });
    expect(analysis.caching).toBeUndefined();
    expect(analysis.exemplars).toEqual([]);
  });
});
