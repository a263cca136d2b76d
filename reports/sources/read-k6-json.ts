import type { MetricContains, MetricDefinition, MetricType, Tags } from '../../engine/metrics/metric-types.ts';
import { tagKey } from '../../engine/metrics/sample-sink.ts';
import type { TimelineHeader, TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { lineError } from './k6-input-error.ts';
import { scanPoint, splitPointTail, type ScannedPoint } from './k6-point-scanner.ts';
import { readLineBatches } from './read-lines.ts';
import { Rfc3339Clock } from './rfc3339-clock.ts';
import { SecondFolder, type FoldSeries } from './second-folder.ts';

export interface ReadK6JsonOptions {
  /** How many seconds a point may arrive after later ones and still count in its own second (default 2). */
  reorderWindowSeconds?: number;
}

/** What the reader saw, returned when the generator finishes. */
export interface K6JsonStats {
  lines: number;
  points: number;
  metrics: number;
  series: number;
  seconds: number;
  /** Points older than the reorder window, counted in the oldest second still open. */
  latePoints: number;
}

const METRIC_TYPES: readonly string[] = ['counter', 'gauge', 'rate', 'trend'];
const METRIC_CONTAINS: readonly string[] = ['default', 'time', 'data'];

interface MetricState {
  definition: MetricDefinition;
  /** Series of this metric by canonical tag key. */
  series: Map<string, FoldSeries>;
}

interface TagSet {
  key: string;
  tags: Tags;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** k6 tags are strings; `null` means none. Returns undefined for anything else. */
function tagsFrom(value: unknown): Tags | undefined {
  if (value === null || value === undefined) return {};
  if (!isObject(value)) return undefined;
  const tags: Tags = {};
  for (const name of Object.keys(value).sort()) {
    const tag = value[name];
    if (typeof tag !== 'string') return undefined;
    tags[name] = tag;
  }
  return tags;
}

/**
 * Reads stock k6 `--out json` output (plain or gzipped, told apart by magic bytes) and yields what the
 * engine's `timeline.ndjson.gz` holds: a header, then one record per second, metric and tag set with
 * count, sum, min, max, last and, for trends, the second's HDR histogram encoded as the engine encodes
 * it. Streams: memory holds the series of the seconds inside the reorder window, never the lines.
 * Malformed input throws a K6InputError naming `file:line` and what was expected.
 */
export async function* readK6Json(
  path: string,
  options: ReadK6JsonOptions = {},
): AsyncGenerator<TimelineHeader | TimelineRecord, K6JsonStats, undefined> {
  const metrics = new Map<string, MetricState>();
  /** Series by the Point line's tail (tags and metric name as written): one lookup per point. */
  const seriesByTail = new Map<string, FoldSeries>();
  const canonicalTagSets = new Map<string, TagSet>();
  let seriesCount = 0;
  let out: TimelineRecord[] = [];
  const folder = new SecondFolder(options.reorderWindowSeconds ?? 2, (record) => out.push(record));
  const clock = new Rfc3339Clock();
  const point: ScannedPoint = { time: 0, value: 0, tail: '' };
  let lineNo = 0;
  let points = 0;
  let headerSent = false;

  const canonical = (tags: Tags): TagSet => {
    const key = tagKey(tags);
    let set = canonicalTagSets.get(key);
    if (!set) {
      set = { key, tags };
      canonicalTagSets.set(key, set);
    }
    return set;
  };

  const seriesOf = (metric: MetricState, tagSet: TagSet): FoldSeries => {
    let series = metric.series.get(tagSet.key);
    if (!series) {
      series = { id: seriesCount++, metric: metric.definition, tags: tagSet.tags };
      metric.series.set(tagSet.key, series);
    }
    return series;
  };

  const metricOf = (name: string, line: string): MetricState => {
    const metric = metrics.get(name);
    if (!metric) throw lineError(path, lineNo, `a Metric line for ${JSON.stringify(name)} before its first Point`, line);
    return metric;
  };

  /** Any line in any key order, checked field by field. */
  const slowLine = (line: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw lineError(path, lineNo, 'a JSON object (a k6 Metric or Point line)', line);
    }
    if (!isObject(parsed)) throw lineError(path, lineNo, 'a JSON object (a k6 Metric or Point line)', line);
    const data = parsed.data;
    if (parsed.type === 'Metric') {
      const name = typeof parsed.metric === 'string' ? parsed.metric : isObject(data) ? data.name : undefined;
      if (typeof name !== 'string' || !name) throw lineError(path, lineNo, 'a Metric line with a "metric" name', line);
      if (!isObject(data) || !METRIC_TYPES.includes(data.type as string)) {
        throw lineError(path, lineNo, `data.type of metric ${JSON.stringify(name)} to be counter, gauge, rate or trend`, line);
      }
      const contains = data.contains ?? 'default';
      if (!METRIC_CONTAINS.includes(contains as string)) {
        throw lineError(path, lineNo, `data.contains of metric ${JSON.stringify(name)} to be default, time or data`, line);
      }
      if (!metrics.has(name)) {
        const definition = { name, type: data.type as MetricType, contains: contains as MetricContains };
        metrics.set(name, { definition, series: new Map() });
      }
      return;
    }
    if (parsed.type !== 'Point') throw lineError(path, lineNo, '"type" to be "Metric" or "Point"', line);
    if (typeof parsed.metric !== 'string') throw lineError(path, lineNo, 'a Point line with a "metric" name', line);
    if (!isObject(data)) throw lineError(path, lineNo, 'a Point line with a "data" object', line);
    const time = typeof data.time === 'string' ? clock.parse(data.time, 0, data.time.length) : NaN;
    if (Number.isNaN(time)) throw lineError(path, lineNo, 'data.time to be an RFC 3339 time', line);
    if (typeof data.value !== 'number' || !Number.isFinite(data.value)) {
      throw lineError(path, lineNo, 'data.value to be a finite number', line);
    }
    const tags = tagsFrom(data.tags);
    if (!tags) throw lineError(path, lineNo, 'data.tags to be null or an object of strings', line);
    const metric = metricOf(parsed.metric, line);
    folder.add(seriesOf(metric, canonical(tags)), time, data.value);
    points++;
  };

  const fastLine = (line: string): boolean => {
    if (!scanPoint(line, clock, point)) return false;
    let series = seriesByTail.get(point.tail);
    if (!series) {
      const split = splitPointTail(point.tail);
      if (!split) return false;
      let tags: Tags | undefined;
      try {
        tags = tagsFrom(JSON.parse(split.tagsRaw));
      } catch {
        tags = undefined;
      }
      if (!tags) return false;
      series = seriesOf(metricOf(split.metric, line), canonical(tags));
      seriesByTail.set(point.tail, series);
    }
    folder.add(series, point.time, point.value);
    points++;
    return true;
  };

  for await (const batch of readLineBatches(path)) {
    for (let i = 0; i < batch.length; i++) {
      let line = batch[i]!;
      lineNo++;
      if (line.charCodeAt(line.length - 1) === 13 /* \r */) line = line.slice(0, -1);
      if (line.length === 0) continue;
      if (!fastLine(line)) slowLine(line);
    }
    if (out.length === 0) continue;
    if (!headerSent) {
      headerSent = true;
      yield header(folder.startedAt!);
    }
    const records = out;
    out = [];
    yield* records;
  }
  folder.finish();
  if (!headerSent) yield header(folder.startedAt ?? 0);
  yield* out;
  return {
    lines: lineNo,
    points,
    metrics: metrics.size,
    series: seriesCount,
    seconds: folder.emittedSeconds,
    latePoints: folder.late,
  };
}

function header(startedAt: number): TimelineHeader {
  return { kind: 'header', version: 1, startedAt, hdrUnit: 'us', significantDigits: 3 };
}
