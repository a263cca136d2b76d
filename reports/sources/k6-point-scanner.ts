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
  /** The tags' raw JSON as written (`null` or `{…}`): the tag-set cache key. */
  tagsRaw: string;
  metric: string;
}

/**
 * Reads the Point line `text.slice(start, end)` in the exact shape k6 writes it:
 * `{"type":"Point","data":{"time":"…","value":N,"tags":{…}},"metric":"name"}`, without JSON.parse.
 * Returns false for anything else (other key orders, extra fields, escapes in the name), which the
 * caller then parses as JSON: this path is only ever a shortcut, never the judge of validity.
 */
export function scanPoint(text: string, start: number, end: number, clock: Rfc3339Clock, out: ScannedPoint): boolean {
  if (end - start < 60 || !matchesAt(text, start, POINT_PREFIX)) return false;
  const timeStart = start + POINT_PREFIX.length;
  const timeEnd = text.indexOf('"', timeStart);
  if (timeEnd < 0 || !matchesAt(text, timeEnd, VALUE_KEY)) return false;
  const valueStart = timeEnd + VALUE_KEY.length;
  const valueEnd = text.indexOf(TAGS_KEY, valueStart);
  if (valueEnd <= valueStart || valueEnd > end) return false;
  const metricKey = text.lastIndexOf(METRIC_KEY, end);
  if (metricKey <= valueEnd || text.charCodeAt(metricKey - 1) !== 125 /* } closing data */) return false;
  if (text.charCodeAt(end - 1) !== 125 /* } */ || text.charCodeAt(end - 2) !== 34 /* " */) return false;
  const metricStart = metricKey + METRIC_KEY.length;
  for (let i = metricStart; i < end - 2; i++) {
    const code = text.charCodeAt(i);
    if (code === 34 || code === 92 /* " or \ */) return false;
  }
  if (metricStart >= end - 2) return false;
  const value = Number(text.slice(valueStart, valueEnd));
  if (!Number.isFinite(value)) return false;
  const time = clock.parse(text, timeStart, timeEnd);
  if (Number.isNaN(time)) return false;
  out.time = time;
  out.value = value;
  out.tagsRaw = text.slice(valueEnd + TAGS_KEY.length, metricKey - 1);
  out.metric = text.slice(metricStart, end - 2);
  return true;
}
