import { charCodes, matchesAt } from './char-codes.ts';
import type { Rfc3339Clock } from './rfc3339-clock.ts';

const POINT_PREFIX = charCodes('{"type":"Point","data":{"time":"');
const VALUE_KEY = charCodes('","value":');
const TAGS_KEY = ',"tags":';
const METRIC_KEY = ',"metric":"';

/** What the fast path read from one Point line; reused for every line, so scanning allocates only substrings. */
export interface ScannedPoint {
  time: number;
  value: number;
  /**
   * Everything after `"tags":`, i.e. `{…tags…}},"metric":"name"}`: the metric and tag set in one
   * string, which the caller uses as the series cache key and splits with splitPointTail on a miss.
   */
  tail: string;
}

/**
 * Reads a Point line in the exact shape k6 writes it:
 * `{"type":"Point","data":{"time":"…","value":N,"tags":{…}},"metric":"name"}`, without JSON.parse.
 * Returns false for anything else (other key orders, extra fields), which the caller then parses as
 * JSON: this path is only ever a shortcut, never the judge of validity.
 */
export function scanPoint(line: string, clock: Rfc3339Clock, out: ScannedPoint): boolean {
  if (!matchesAt(line, 0, POINT_PREFIX)) return false;
  const timeStart = POINT_PREFIX.length;
  const timeEnd = line.indexOf('"', timeStart);
  if (timeEnd < 0 || !matchesAt(line, timeEnd, VALUE_KEY)) return false;
  const valueStart = timeEnd + VALUE_KEY.length;
  const valueEnd = line.indexOf(TAGS_KEY, valueStart);
  if (valueEnd <= valueStart) return false;
  const value = Number(line.slice(valueStart, valueEnd));
  if (!Number.isFinite(value)) return false;
  const time = clock.parse(line, timeStart, timeEnd);
  if (Number.isNaN(time)) return false;
  out.time = time;
  out.value = value;
  out.tail = line.slice(valueEnd + TAGS_KEY.length);
  return true;
}

/** Splits a Point tail into the tags' raw JSON and the metric name, or undefined when it is not k6's shape. */
export function splitPointTail(tail: string): { tagsRaw: string; metric: string } | undefined {
  const metricKey = tail.lastIndexOf(METRIC_KEY);
  const end = tail.length;
  if (metricKey < 1 || !tail.endsWith('"}') || tail.charCodeAt(metricKey - 1) !== 125 /* } closing data */) return undefined;
  const metric = tail.slice(metricKey + METRIC_KEY.length, end - 2);
  if (metric.length === 0 || metric.includes('"') || metric.includes('\\')) return undefined;
  return { tagsRaw: tail.slice(0, metricKey - 1), metric };
}
