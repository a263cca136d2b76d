import type { MetricContains, MetricDefinition, MetricType, Tags } from '../../engine/metrics/metric-types.ts';
import { tagKey } from '../../engine/metrics/sample-sink.ts';
import type { TimelineHeader, TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { lineError } from './k6-input-error.ts';
import { K6PointBytes, metricNameHash } from './k6-point-bytes.ts';
import { readByteLineChunks } from './read-lines.ts';
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
  /** This tag set's series with their metric name's bytes and hash, for the byte-level fast path. */
  series: NamedSeries[];
}

interface NamedSeries {
  name: Buffer;
  hash: number;
  series: FoldSeries;
}

/** The series in `list` whose metric name is `buf[start, end)`, whose metricNameHash is `hash`. */
function findByName(list: NamedSeries[], buf: Buffer, start: number, end: number, hash: number): FoldSeries | undefined {
  const length = end - start;
  outer: for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    if (entry.hash !== hash || entry.name.length !== length) continue;
    const name = entry.name;
    for (let j = 0; j < length; j++) if (name[j] !== buf[start + j]) continue outer;
    return entry.series;
  }
  return undefined;
}

/** True when `raw` equals `buf[start, end)`: a few telling bytes in JS, then one native comparison. */
function sameBytes(raw: Buffer, buf: Buffer, start: number, end: number): boolean {
  const length = end - start;
  if (raw.length !== length) return false;
  // Tag sets of one run differ mostly near their end (url, name, status) or in the middle.
  if (length > 8 && (raw[length - 4] !== buf[end - 4] || raw[length >> 1] !== buf[start + (length >> 1)])) return false;
  return raw.compare(buf, start, end) === 0;
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
    // Defined rather than assigned: assigning a tag named `__proto__` would drop it without a word.
    Object.defineProperty(tags, name, { value: tag, enumerable: true, writable: true, configurable: true });
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
  /** Tag sets by their raw JSON as written; consecutive points mostly repeat the previous one. */
  const tagSetsByRaw = new Map<string, TagSet>();
  /**
   * The tag sets of the last few points with their raw bytes, newest first: k6 writes a request's
   * points together, and an iteration cycles through a handful of tag sets, so most points match one
   * here and never decode their tags.
   */
  const recent: { raw: Buffer; tagSet: TagSet }[] = [];
  const canonicalTagSets = new Map<string, TagSet>();
  let seriesCount = 0;
  let out: TimelineRecord[] = [];
  const folder = new SecondFolder(options.reorderWindowSeconds ?? 2, (record) => out.push(record));
  const clock = new Rfc3339Clock();
  const point = new K6PointBytes(clock);
  let lineNo = 0;
  let points = 0;
  let headerSent = false;

  const canonical = (tags: Tags): TagSet => {
    const key = tagKey(tags);
    let set = canonicalTagSets.get(key);
    if (!set) {
      set = { key, tags, series: [] };
      canonicalTagSets.set(key, set);
    }
    return set;
  };

  const seriesOf = (metric: MetricState, tagSet: TagSet): FoldSeries => {
    let series = metric.series.get(tagSet.key);
    if (!series) {
      series = { id: seriesCount++, metric: metric.definition, tags: tagSet.tags };
      metric.series.set(tagSet.key, series);
      const name = Buffer.from(metric.definition.name, 'utf8');
      tagSet.series.push({ name, hash: metricNameHash(name), series });
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

  const recentTagSet = (buf: Buffer, start: number, end: number): TagSet | undefined => {
    for (let i = 0; i < recent.length; i++) {
      const hit = recent[i]!;
      if (!sameBytes(hit.raw, buf, start, end)) continue;
      // Move to the front without allocating (splice would return an array).
      for (let j = i; j > 0; j--) recent[j] = recent[j - 1]!;
      recent[0] = hit;
      return hit.tagSet;
    }
    return undefined;
  };

  const fastLine = (buf: Buffer, start: number, end: number): boolean => {
    if (!point.scan(buf, start, end)) return false;
    const { tagsStart, tagsEnd } = point;
    let tagSet = recentTagSet(buf, tagsStart, tagsEnd);
    if (!tagSet) {
      const tagsRaw = buf.toString('utf8', tagsStart, tagsEnd);
      tagSet = tagSetsByRaw.get(tagsRaw);
      if (!tagSet) {
        let tags: Tags | undefined;
        try {
          tags = tagsFrom(JSON.parse(tagsRaw));
        } catch {
          tags = undefined;
        }
        if (!tags) return false;
        tagSet = canonical(tags);
        tagSetsByRaw.set(tagsRaw, tagSet);
      }
      recent.unshift({ raw: Buffer.from(buf.subarray(tagsStart, tagsEnd)), tagSet });
      if (recent.length > 8) recent.pop();
    }
    const series =
      findByName(tagSet.series, buf, point.metricStart, point.metricEnd, point.metricHash) ??
      seriesOf(metricOf(buf.toString('latin1', point.metricStart, point.metricEnd), buf.toString('utf8', start, end)), tagSet);
    folder.add(series, point.time, point.value);
    points++;
    return true;
  };

  for await (const buf of readByteLineChunks(path)) {
    let start = 0;
    for (;;) {
      const newline = buf.indexOf(10, start);
      if (newline < 0) break;
      lineNo++;
      let end = newline;
      if (end > start && buf[end - 1] === 13 /* \r */) end--;
      if (end > start && !fastLine(buf, start, end)) slowLine(buf.toString('utf8', start, end));
      start = newline + 1;
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
