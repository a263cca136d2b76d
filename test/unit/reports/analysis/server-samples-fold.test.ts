import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerSamples, type TimedServerSample } from '../../../../reports/analysis/read-server-samples.ts';
import { SeriesFold } from '../../../../reports/analysis/run-series.ts';
import { ServerSamplesFold, type StageWindow } from '../../../../reports/analysis/server-samples-fold.ts';
import type { ServerSample } from '../../../../reports/samplers/server-sample.ts';
import { tempRunDir } from './timeline-fixture.ts';

const START = Date.parse('2026-11-29T02:00:00.000Z');
const STAGES: StageWindow[] = [
  { label: 'warm-up', startMs: 0, endMs: 10_000 },
  { label: 'steady', startMs: 10_000, endMs: 30_000 },
];
const MIB = 2 ** 20;
const NODE = 'http://127.0.0.1:3300/metrics';
const JVM = 'http://svc:secret@10.0.0.5:8080/actuator/prometheus?token=t';

const at = (s: number) => new Date(START + s * 1000).toISOString();

/** A handcrafted server.ndjson: a Node target, a JVM target, Kafka lag and a failing sampler. */
const LINES: ServerSample[] = [
  { kind: 'sampler-error', time: at(-1), source: 'kafka', error: 'could not read lag: ECONNREFUSED', suppressed: 0 },
  { kind: 'saturation', time: at(-1), source: NODE, cpuPercent: 10, heapUsedBytes: 100 * MIB, eventLoopLagSeconds: 0.002 },
  { kind: 'saturation', time: at(5), source: NODE, cpuPercent: 30, heapUsedBytes: 110 * MIB, eventLoopLagSeconds: 0.004, gcPauses: { count: 3, seconds: 0.006 } },
  { kind: 'saturation', time: at(5), source: JVM, cpuPercent: 80, heapUsedBytes: 500 * MIB, queuedTasks: 4, gcPauses: { count: 1, seconds: 0.05, maxSeconds: 0.05 } },
  { kind: 'kafka-lag', time: at(6), source: 'kafka', group: 'shop-consumer', partitions: [], total: 40 },
  { kind: 'saturation', time: at(15), source: NODE, cpuPercent: 50, heapUsedBytes: 120 * MIB, eventLoopLagSeconds: 0.012, gcPauses: { count: 2, seconds: 0.004 } },
  { kind: 'saturation', time: at(15), source: JVM, cpuPercent: 100, heapUsedBytes: 400 * MIB, queuedTasks: 10, gcPauses: { count: 2, seconds: 0.2, maxSeconds: 0.15 } },
  { kind: 'kafka-lag', time: at(16), source: 'kafka', group: 'shop-consumer', partitions: [], total: 120 },
  { kind: 'sampler-error', time: at(20), source: 'kafka', error: 'could not read lag: timeout', suppressed: 4 },
  { kind: 'kafka-lag', time: at(40), source: 'kafka', group: 'shop-consumer', partitions: [], total: 10 },
];

function fold(lines: ServerSample[], series?: SeriesFold): ServerSamplesFold {
  const server = new ServerSamplesFold(START, STAGES, series);
  for (const sample of lines) server.add({ timeMs: Date.parse(sample.time), sample });
  return server;
}

describe('ServerSamplesFold', () => {
  it('sums up saturation per source for the whole run and per stage (before the start counts as the first stage)', () => {
    const { saturation } = fold(LINES).result(50);
    expect(saturation.map((entry) => entry.source)).toEqual(['http://127.0.0.1:3300/metrics', 'http://10.0.0.5:8080/actuator/prometheus']);
    const [node, jvm] = saturation;
    expect(node!.whole.cpuPercent).toEqual({ mean: 30, max: 50, samples: 3 });
    expect(node!.whole.heapUsedMiB).toEqual({ mean: 110, max: 120, samples: 3 });
    expect(node!.whole.eventLoopLagMs!.max).toBeCloseTo(12, 9);
    expect(node!.whole.eventLoopLagMs!.mean).toBeCloseTo(6, 9);
    expect(node!.whole.queuedTasks).toBeUndefined();
    expect(node!.whole.gcPauses!.count).toBe(5);
    expect(node!.whole.gcPauses!.totalMs).toBeCloseTo(10, 9);
    expect(node!.whole.gcPauses!.maxMs).toBeUndefined();
    expect(node!.stages.map(({ label, window }) => [label, window.cpuPercent?.samples])).toEqual([
      ['warm-up', 2],
      ['steady', 1],
    ]);
    expect(jvm!.whole.queuedTasks).toEqual({ mean: 7, max: 10, samples: 2 });
    expect(jvm!.whole.gcPauses!.maxMs).toBeCloseTo(150, 9);
    expect(jvm!.whole.eventLoopLagMs).toBeUndefined();
  });

  it('follows consumer lag per group: most, last and most per stage (after the end counts as the last)', () => {
    expect(fold(LINES).result(50).kafkaLag).toEqual([
      {
        group: 'shop-consumer',
        maxLag: 120,
        lastLag: 10,
        samples: 3,
        unknownSamples: 0,
        unknownReason: undefined,
        stages: [
          { label: 'warm-up', maxLag: 40 },
          { label: 'steady', maxLag: 120 },
        ],
      },
    ]);
  });

  it('counts sampler failures with the suppressed ones, keeping the first message and when they began and ended', () => {
    expect(fold(LINES).result(50).samplerErrors).toEqual([
      { source: 'kafka', errors: 6, firstError: 'could not read lag: ECONNREFUSED', firstAt: at(-1), lastAt: at(20) },
    ]);
  });

  it('says when a source that had answered stopped answering, with its last answer', () => {
    const outage = { source: NODE, kind: 'sampler-error', error: 'could not scrape: ECONNREFUSED', failingSince: at(12), lastSuccessAt: at(11) } as const;
    const lines: ServerSample[] = [
      { ...outage, time: at(12), suppressed: 0 },
      { ...outage, time: at(22), suppressed: 18 },
      // Flushed at stop: the last held-back failure carries the count of the others.
      { ...outage, time: at(29), suppressed: 12 },
    ];
    expect(fold(lines).result(50).samplerErrors).toEqual([
      { source: NODE, errors: 33, firstError: outage.error, firstAt: at(12), lastAt: at(29), stoppedAnsweringAt: at(12), lastAnswerAt: at(11) },
    ]);
  });

  it('keeps a group the broker did not know apart from the Kafka source, and counts samples whose lag was unknown, never as 0', () => {
    const lines: ServerSample[] = [
      { kind: 'sampler-error', time: at(1), source: 'kafka', group: 'shop-consumr', error: 'consumer group "shop-consumr" is unknown to the broker', suppressed: 0 },
      { kind: 'kafka-lag', time: at(2), source: 'kafka', status: 'unknown', group: 'idle', reason: 'group "idle" is EMPTY with no committed offsets' },
    ];
    const result = fold(lines).result(50);
    expect(result.samplerErrors).toEqual([expect.objectContaining({ source: 'kafka', group: 'shop-consumr', errors: 1 })]);
    expect(result.kafkaLag).toEqual([
      { group: 'idle', maxLag: undefined, lastLag: undefined, samples: 0, unknownSamples: 1, unknownReason: 'group "idle" is EMPTY with no committed offsets', stages: [] },
    ]);
  });

  it('fits the heap trend of the first source with heap samples', () => {
    const { heapTrend } = fold(LINES).result(50);
    // Node: 100, 110, 120 MiB at -1, 5 and 15 s: r² < 1, slope ≈ 1.29 MiB/s.
    expect(heapTrend).toMatchObject({ source: NODE, samples: 3, spanS: 16, thresholdMiBPerHour: 50, suspectedLeak: true });
    expect(heapTrend!.slopeMiBPerHour).toBeGreaterThan(4000);
    expect(heapTrend!.r2).toBeGreaterThan(0.9);
  });

  it('is empty without samples', () => {
    expect(fold([]).result(50)).toEqual({ saturation: [], kafkaLag: [], samplerErrors: [], heapTrend: undefined });
  });

  it('feeds the chart series with samples since the start', () => {
    const series = new SeriesFold(10);
    fold(LINES, series);
    const result = series.result(30);
    expect(result.saturation.filter((point) => point.source === NODE)).toEqual([
      { source: NODE, second: 0, cpuPercent: 30, heapUsedMiB: 110 },
      { source: NODE, second: 10, cpuPercent: 50, heapUsedMiB: 120 },
    ]);
    expect(result.kafkaLag).toEqual([
      { group: 'shop-consumer', second: 0, lag: 40 },
      { group: 'shop-consumer', second: 10, lag: 120 },
      { group: 'shop-consumer', second: 40, lag: 10 },
    ]);
  });
});

describe('readServerSamples', () => {
  async function read(path: string) {
    const samples: TimedServerSample[] = [];
    const reader = readServerSamples(path);
    for (;;) {
      const next = await reader.next();
      if (next.done) return { samples, stats: next.value };
      samples.push(next.value);
    }
  }

  it('skips and counts lines that are not server samples, such as a torn last line', async () => {
    const path = join(tempRunDir(), 'server.ndjson');
    const good = JSON.stringify(LINES[1]);
    writeFileSync(path, [good, '', 'not json', '{"kind":"other","time":"2026-11-29T02:00:00Z","source":"x"}', '{"kind":"saturation","time":"never","source":"x"}', good, '{"kind":"satu'].join('\n'));
    const { samples, stats } = await read(path);
    expect(samples).toHaveLength(2);
    expect(samples[0]!.timeMs).toBe(START - 1000);
    expect(stats).toEqual({ skipped: 4 });
  });

  it('yields nothing when the run had no samplers', async () => {
    expect(await read(join(tempRunDir(), 'server.ndjson'))).toEqual({ samples: [], stats: { skipped: 0 } });
  });
});
