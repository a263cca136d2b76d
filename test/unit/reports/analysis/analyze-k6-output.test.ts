import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../../../engine/metrics/hdr.ts';
import { analyzeK6Output } from '../../../../reports/analysis/index.ts';
import { exactPercentile, tempRunDir } from './timeline-fixture.ts';

const FIXTURES = new URL('../../../fixtures/k6/', import.meta.url).pathname;
const JSON_FILE = join(FIXTURES, 'http-run.json');
const SUMMARY_FILE = join(FIXTURES, 'k6-summary.json');

interface Point {
  type: string;
  metric: string;
  data: { time: string; value: number; tags: Record<string, string> | null };
}

/** The fixture's Point lines of one metric, read independently of the reader under test. */
function points(metric: string): Point[] {
  return readFileSync(JSON_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Point)
    .filter((line) => line.type === 'Point' && line.metric === metric);
}

describe('analyzeK6Output on stock k6 --out json', () => {
  it('analyses each scenario tag on its budget metric, as the raw points say', async () => {
    const analysis = await analyzeK6Output({ jsonFile: JSON_FILE, summaryFile: SUMMARY_FILE });
    const durations = points('http_req_duration').map((point) => point.data.value);
    const failed = points('http_req_failed').filter((point) => point.data.value === 1).length;
    expect(analysis.phase).toBe('k6');
    expect(analysis.scenarios.map((scenario) => scenario.name)).toEqual(['default']);
    const [scenario] = analysis.scenarios;
    // The summary's unscoped `http_req_duration: p(95)<500` is the budget.
    expect(scenario).toMatchObject({ metric: 'http_req_duration', budgetP95Ms: 500, recovery: undefined });
    const { latency, errors, traffic } = scenario!.whole;
    expect(latency!.count).toBe(durations.length);
    expect(latency!.max).toBe(Math.max(...durations));
    expect(Math.abs(latency!.p95 - exactPercentile(durations, 95))).toBeLessThanOrEqual(exactPercentile(durations, 95) * 0.001);
    expect(errors).toMatchObject({ httpRequests: durations.length, httpFailed: failed });
    expect(traffic).toMatchObject({ requests: durations.length, targetRate: 0, achievedRatio: undefined });
    expect(scenario!.stages.map((stage) => stage.label)).toEqual(['steady']);
    expect(decodeHistogram(scenario!.histograms.whole!).totalCount).toBe(durations.length);
  });

  it('names the run after the file, dates it by the first sample and leaves plan facts undefined', async () => {
    const { run, startedAt, seconds } = await analyzeK6Output({ jsonFile: JSON_FILE });
    const firstPoint = Math.min(...points('vus').map((point) => Date.parse(point.data.time)));
    expect(startedAt).toBe(firstPoint);
    expect(seconds).toBe(4);
    expect(run).toEqual({
      source: 'k6',
      id: 'http-run.json',
      createdAt: new Date(firstPoint).toISOString(),
      target: undefined,
      baselineRate: undefined,
      timeScale: 1,
      configSha256: undefined,
      cores: undefined,
      workers: undefined,
      stages: [],
    });
  });

  it('gives per-second series whose counts add up to the run, and the VU gauge', async () => {
    const { series, scenarios } = await analyzeK6Output({ jsonFile: JSON_FILE });
    expect(series.bucketS).toBe(1);
    expect(series.latency.map((point) => point.second)).toEqual([0, 1, 2, 3]);
    expect(series.errors.reduce((total, point) => total + point.httpFailed, 0)).toBe(scenarios[0]!.whole.errors.httpFailed);
    expect(series.vus.map((point) => point.vus)).toEqual(points('vus').map((point) => point.data.value).slice(0, 4));
    expect(series.rate.every((point) => point.target === 0)).toBe(true);
  });

  it('reads gzipped output the same, without a budget when there is no summary', async () => {
    const plain = await analyzeK6Output({ jsonFile: JSON_FILE });
    const gzipped = await analyzeK6Output({ jsonFile: join(FIXTURES, 'http-run.json.gz') });
    expect(gzipped.scenarios).toEqual(plain.scenarios);
    expect(plain.scenarios[0]!.budgetP95Ms).toBeUndefined();
  });

  it('takes stages from a stage tag, and leaves out scenarios without samples of their budget metric', async () => {
    const file = join(tempRunDir(), 'staged.json');
    const metric = (name: string, type: string) => JSON.stringify({ type: 'Metric', data: { name, type, contains: type === 'trend' ? 'time' : 'default' }, metric: name });
    const point = (name: string, second: number, value: number, tags: Record<string, string>) =>
      JSON.stringify({ type: 'Point', data: { time: new Date(Date.UTC(2026, 10, 29, 2, 0, second)).toISOString(), value, tags }, metric: name });
    writeFileSync(
      file,
      [
        metric('http_req_duration', 'trend'),
        metric('iterations', 'counter'),
        point('http_req_duration', 0, 10, { scenario: 'a', stage: 'warm-up' }),
        point('http_req_duration', 1, 20, { scenario: 'a', stage: 'steady' }),
        point('http_req_duration', 2, 30, { scenario: 'a', stage: 'steady' }),
        point('iterations', 2, 1, { scenario: 'setup-only' }),
      ].join('\n') + '\n',
    );
    const { scenarios, series } = await analyzeK6Output({ jsonFile: file });
    expect(scenarios.map((scenario) => scenario.name)).toEqual(['a']);
    expect(scenarios[0]!.stages.map(({ label, signals }) => [label, signals.durationS, signals.latency?.count])).toEqual([
      ['warm-up', 1, 1],
      ['steady', 2, 2],
    ]);
    expect(series.rate.map((point) => point.scenario)).toEqual(['a', 'a', 'a']);
  });

  it('refuses malformed output, naming the file and line', async () => {
    await expect(analyzeK6Output({ jsonFile: join(FIXTURES, 'malformed.json') })).rejects.toThrow(/malformed\.json:\d+/);
  });
});
