import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistogram, percentileOf } from '../../../../engine/metrics/hdr.ts';
import { tagKey } from '../../../../engine/metrics/sample-sink.ts';
import { readK6Json } from '../../../../reports/sources/read-k6-json.ts';
import { fixture, readAll } from './k6-fixture.ts';

interface RawPoint {
  metric: string;
  ms: number;
  value: number;
  tags: Record<string, string>;
}

/** An independent reading of the fixture: JSON.parse and Date.parse, nanoseconds added by hand. */
async function rawPoints(file: string): Promise<RawPoint[]> {
  const points: RawPoint[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line) continue;
    const parsed = JSON.parse(line);
    if (parsed.type !== 'Point') continue;
    const match = /^(.*\.\d{3})(\d*)(Z|[+-]\d\d:\d\d)$/.exec(parsed.data.time)!;
    const ms = Date.parse(match[1]! + match[3]!) + Number(`0.${match[2] || '0'}`);
    const tags = Object.fromEntries(Object.entries(parsed.data.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) as Record<string, string>;
    points.push({ metric: parsed.metric, ms, value: parsed.data.value, tags });
  }
  return points;
}

const keyOf = (second: number, metric: string, tags: Record<string, string>) => `${second}|${metric}|${tagKey(tags)}`;

describe('readK6Json on a k6 --out json fixture', () => {
  const plain = fixture('http-run.json');

  it('folds points into exact count, sum, min, max and last per second and series', async () => {
    const raw = await rawPoints(plain);
    const startedAt = Math.floor(raw[0]!.ms);
    const expected = new Map<string, { count: number; sum: number; min: number; max: number; last: number }>();
    for (const point of raw) {
      const second = Math.floor((point.ms - startedAt) / 1000);
      const key = keyOf(second, point.metric, point.tags);
      const entry = expected.get(key) ?? { count: 0, sum: 0, min: Infinity, max: -Infinity, last: 0 };
      entry.count++;
      entry.sum += point.value;
      entry.min = Math.min(entry.min, point.value);
      entry.max = Math.max(entry.max, point.value);
      entry.last = point.value;
      expected.set(key, entry);
    }

    const { headers, records, stats } = await readAll(plain);
    expect(headers).toEqual([{ kind: 'header', version: 1, startedAt, hdrUnit: 'us', significantDigits: 3 }]);
    expect(stats).toMatchObject({ lines: 227, points: raw.length, metrics: 7, latePoints: 0 });
    const actual = new Map(
      records.map((r) => [keyOf(r.second, r.metric, r.tags), { count: r.count, sum: r.sum, min: r.min, max: r.max, last: r.last }]),
    );
    expect(actual).toEqual(expected);
    // Points cross second boundaries out of order, and records still come out second by second.
    expect(records.map((r) => r.second)).toEqual([...records.map((r) => r.second)].sort((a, b) => a - b));
    expect(new Set(records.map((r) => r.second))).toEqual(new Set([0, 1, 2, 3]));
    const seconds = raw.map((p) => Math.floor((p.ms - startedAt) / 1000));
    expect(seconds.some((s, i) => i > 0 && s < seconds[i - 1]!)).toBe(true);
    for (const record of records) expect(record.time).toBe(startedAt + record.second * 1000);
  });

  it('takes type and contains from the Metric lines, and keeps histograms only for trends', async () => {
    const { records } = await readAll(plain);
    const duration = records.find((r) => r.metric === 'http_req_duration')!;
    expect(duration).toMatchObject({ type: 'trend', contains: 'time' });
    expect(duration.hdr).toEqual(expect.any(String));
    expect(records.find((r) => r.metric === 'data_received')).toMatchObject({ type: 'counter', contains: 'data' });
    const vus = records.filter((r) => r.metric === 'vus');
    expect(vus.map((r) => [r.type, r.tags, r.last])).toEqual([0, 1, 2, 3].map((s) => ['gauge', {}, 3 + s]));
    for (const record of records) if (record.type !== 'trend') expect(record.hdr).toBeUndefined();
  });

  it('gives percentiles from merged histograms equal to raw-sample percentiles within HDR precision', async () => {
    const raw = (await rawPoints(plain)).filter((p) => p.metric === 'http_req_duration').map((p) => p.value);
    raw.sort((a, b) => a - b);
    const { records } = await readAll(plain);
    const histograms = records.filter((r) => r.metric === 'http_req_duration').map((r) => decodeHistogram(r.hdr!));
    const merged = histograms[0]!;
    for (const other of histograms.slice(1)) merged.add(other);
    expect(merged.totalCount).toBe(raw.length);
    for (const p of [50, 90, 95, 99, 100]) {
      const exact = raw[Math.max(0, Math.ceil((p / 100) * raw.length) - 1)]!;
      expect(Math.abs(percentileOf(merged, p) - exact)).toBeLessThanOrEqual(exact * 1e-3 + 1e-3);
    }
  });

  it('reads the gzipped copy (told apart by magic bytes, not the name) into the same records', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'k6-json-'));
    try {
      const renamed = path.join(dir, 'output.json');
      await writeFile(renamed, await readFile(fixture('http-run.json.gz')));
      const fromPlain = await readAll(plain);
      expect(await readAll(fixture('http-run.json.gz'))).toEqual(fromPlain);
      expect(await readAll(renamed)).toEqual(fromPlain);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readK6Json on other shapes and bad input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'k6-json-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    await writeFile(file, lines.join('\n') + '\n');
    return file;
  };
  const metric = (name: string, type: string, contains = 'default') =>
    JSON.stringify({ type: 'Metric', data: { type, contains, tainted: null, thresholds: [], submetrics: null }, metric: name });

  it('names the file and line of a malformed line, and what was expected', async () => {
    const file = fixture('malformed.json');
    await expect(readAll(file)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: expected a JSON object`));
  });

  it('names the line of a Point with a bad time, a missing value or an undeclared metric', async () => {
    const m = metric('http_reqs', 'counter');
    const bad = async (point: string) => readAll(await write('bad.json', [m, point]));
    await expect(bad('{"type":"Point","data":{"time":"yesterday","value":1,"tags":null},"metric":"http_reqs"}')).rejects.toThrow(
      /bad\.json:2: expected data\.time to be an RFC 3339 time/,
    );
    await expect(bad('{"type":"Point","data":{"time":"2026-01-01T00:00:00Z","tags":null},"metric":"http_reqs"}')).rejects.toThrow(
      /bad\.json:2: expected data\.value to be a finite number/,
    );
    await expect(bad('{"type":"Point","data":{"time":"2026-01-01T00:00:00Z","value":1,"tags":null},"metric":"vus"}')).rejects.toThrow(
      /bad\.json:2: expected a Metric line for "vus" before its first Point/,
    );
    await expect(readAll(await write('type.json', ['{"type":"Metric","data":{"type":"histogram"},"metric":"x"}']))).rejects.toThrow(
      /type\.json:1: expected data\.type of metric "x" to be counter, gauge, rate or trend/,
    );
  });

  it('reports a truncated gzip file by name', async () => {
    const gz = await readFile(fixture('http-run.json.gz'));
    const file = path.join(dir, 'cut.gz');
    await writeFile(file, gz.subarray(0, gz.length - 40));
    await expect(readAll(file)).rejects.toThrow(/cut\.gz: expected a complete gzip stream/);
  });

  it('accepts other key orders, Z times, CRLF and unsorted tags, and merges equal tag sets', async () => {
    const file = await write('shapes.json', [
      metric('http_req_duration', 'trend', 'time') + '\r',
      '{"type":"Point","data":{"time":"2026-01-01T00:00:00.5Z","value":10,"tags":{"b":"2","a":"1"}},"metric":"http_req_duration"}',
      '{"metric":"http_req_duration","type":"Point","data":{"tags":{"a":"1","b":"2"},"value":30,"time":"2026-01-01T01:00:00.9+01:00"}}',
      '{"type":"Point","data":{"time":"2026-01-01T00:00:01.6Z","value":20,"tags":{"a":"1","b":"2"},"metadata":{"trace_id":"x"}},"metric":"http_req_duration"}',
    ]);
    const { headers, records } = await readAll(file);
    expect(headers[0]!.startedAt).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 500));
    expect(records.map((r) => [r.second, r.tags, r.count, r.sum, r.min, r.max])).toEqual([
      [0, { a: '1', b: '2' }, 2, 40, 10, 30],
      [1, { a: '1', b: '2' }, 1, 20, 20, 20],
    ]);
  });

  it('reads negative, exponent and long values exactly, and non-ASCII tags', async () => {
    const at = (value: string, tags: string) =>
      `{"type":"Point","data":{"time":"2026-01-01T00:00:00.123456789Z","value":${value},"tags":${tags}},"metric":"g"}`;
    const values = ['-1.5', '1e-7', '2.5E+3', '0.1', '123456789012345678', '0.30000000000000004', '7'];
    const file = await write('values.json', [metric('g', 'gauge'), ...values.map((v) => at(v, '{"name":"/caf\u00e9/名"}'))]);
    const { records } = await readAll(file);
    expect(records).toHaveLength(1);
    expect(records[0]!.tags).toEqual({ name: '/café/名' });
    expect(records[0]!.sum).toBe(values.map(Number).reduce((a, b) => a + b, 0));
    expect([records[0]!.min, records[0]!.max, records[0]!.last]).toEqual([-1.5, 123456789012345678, 7]);
  });

  it('waits out the reorder window, then counts a later straggler in the oldest open second', async () => {
    const m = metric('iterations', 'counter');
    const at = (s: number) => `{"type":"Point","data":{"time":"2026-01-01T00:00:0${s}.000000001Z","value":1,"tags":null},"metric":"iterations"}`;
    const file = await write('late.json', [m, at(0), at(2), at(1), at(5), at(0), at(3)]);
    const { records, stats } = await readAll(file, { reorderWindowSeconds: 2 });
    // 1 arrives after 2 but within the window; 0 arrives after 5 moved the window past second 2.
    expect(records.map((r) => [r.second, r.count])).toEqual([[0, 1], [1, 1], [2, 1], [3, 2], [5, 1]]);
    expect(stats.latePoints).toBe(1);
  });

  it('reads a large file of mixed fast and slow lines, CRLF and hash-sharing names, plain and gzipped, as JSON.parse does', async () => {
    const names = ['Aa_reqs', '``_reqs', 'http_req_duration'];
    const lines = [metric('Aa_reqs', 'counter'), metric('``_reqs', 'counter'), metric('http_req_duration', 'trend', 'time')];
    const tagSets = ['{"status":"200","url":"/a"}', '{"status":"200","url":"/b"}', '{"name":"\\"x\\"","status":"503"}', 'null'];
    for (let i = 0; i < 30_000; i++) {
      const ms = Date.UTC(2026, 0, 1) + i * 0.5 + (i % 7) * 90;
      const time = new Date(ms).toISOString().replace('Z', `${String(i % 1000).padStart(3, '0')}123Z`);
      const value = i % 11 === 0 ? `${i % 5}e-3` : String(Math.round(Math.sin(i) * 1e6) / 1e3);
      const line = `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${tagSets[i % 4]}},"metric":"${names[i % 3]}"}`;
      lines.push(i % 13 === 0 ? line + '\r' : line);
    }
    const file = await write('mixed.json', lines);
    const gz = path.join(dir, 'mixed.gz');
    await writeFile(gz, gzipSync(await readFile(file)));

    const raw = await rawPoints(file);
    const startedAt = Math.floor(raw[0]!.ms);
    const expected = new Map<string, { count: number; sum: number; last: number }>();
    for (const point of raw) {
      const key = keyOf(Math.floor((point.ms - startedAt) / 1000), point.metric, point.tags);
      const entry = expected.get(key) ?? { count: 0, sum: 0, last: 0 };
      entry.count++;
      entry.sum += point.value;
      entry.last = point.value;
      expected.set(key, entry);
    }
    for (const input of [file, gz]) {
      const { records, stats } = await readAll(input);
      expect(stats).toMatchObject({ lines: 30_003, points: 30_000, series: 12 });
      expect(new Map(records.map((r) => [keyOf(r.second, r.metric, r.tags), { count: r.count, sum: r.sum, last: r.last }]))).toEqual(expected);
    }
  });

  it('yields only a header for a file without points', async () => {
    const { headers, records, stats } = await readAll(await write('empty.json', [metric('vus', 'gauge')]));
    expect(headers).toHaveLength(1);
    expect(records).toEqual([]);
    expect(stats.points).toBe(0);
  });

  it('is a generator that reads lazily', async () => {
    const reader = readK6Json(fixture('http-run.json'));
    const first = await reader.next();
    expect(first.value).toMatchObject({ kind: 'header' });
    await reader.return(undefined as never);
  });
});
