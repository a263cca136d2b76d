import type { Rfc3339Clock } from './rfc3339-clock.ts';

const POINT_PREFIX = Buffer.from('{"type":"Point","data":{"time":"');
const VALUE_KEY = Buffer.from('","value":');
const TAGS_KEY = Buffer.from(',"tags":');
const METRIC_KEY = Buffer.from(',"metric":"');
/** 10^k for the exact fast path of decimal parsing (Clinger): m / 10^k is correctly rounded for m < 2^53, k ≤ 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Where the parts of one Point line are, in bytes; reused for every line. */
export interface PointBytes {
  time: number;
  value: number;
  tagsStart: number;
  tagsEnd: number;
  metricStart: number;
  metricEnd: number;
}

function matchesAt(buf: Buffer, pos: number, pattern: Buffer): boolean {
  for (let i = 0; i < pattern.length; i++) if (buf[pos + i] !== pattern[i]) return false;
  return true;
}

/**
 * Reads the Point line `buf[start, end)` in the exact shape k6 writes it, working on bytes (no string
 * decoding, no JSON.parse): `{"type":"Point","data":{"time":"…","value":N,"tags":{…}},"metric":"name"}`.
 * Returns false for anything else (other key orders, extra fields, exponents, escapes or non-ASCII in
 * the name), which the caller then parses as JSON: this path is only a shortcut, never the judge.
 */
export function scanPointBytes(buf: Buffer, start: number, end: number, clock: Rfc3339Clock, out: PointBytes): boolean {
  if (end - start < 60 || !matchesAt(buf, start, POINT_PREFIX)) return false;
  const timeStart = start + POINT_PREFIX.length;
  let timeEnd = timeStart;
  while (timeEnd < end && buf[timeEnd] !== 34) timeEnd++;
  if (timeEnd + VALUE_KEY.length >= end || !matchesAt(buf, timeEnd, VALUE_KEY)) return false;
  // The value: -?digits(.digits)?, exact when it has at most 15 digits.
  let pos = timeEnd + VALUE_KEY.length;
  let negative = false;
  if (buf[pos] === 45 /* - */) {
    negative = true;
    pos++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let code = buf[pos]!;
  if (code < 48 || code > 57) return false;
  while (code >= 48 && code <= 57) {
    mantissa = mantissa * 10 + (code - 48);
    digits++;
    code = buf[++pos]!;
  }
  if (code === 46 /* . */) {
    code = buf[++pos]!;
    if (code < 48 || code > 57) return false;
    while (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      fraction++;
      code = buf[++pos]!;
    }
  }
  if (digits > 15 || fraction > 22 || !matchesAt(buf, pos, TAGS_KEY)) return false;
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
  // The tail: …},"metric":"name"}
  if (buf[end - 1] !== 125 || buf[end - 2] !== 34) return false;
  let metricStart = end - 2;
  while (metricStart > pos) {
    const c = buf[metricStart - 1]!;
    if (c === 34) break;
    if (c === 92 || c >= 128) return false;
    metricStart--;
  }
  const metricKey = metricStart - METRIC_KEY.length;
  if (metricStart === end - 2 || metricKey <= pos || !matchesAt(buf, metricKey, METRIC_KEY) || buf[metricKey - 1] !== 125) return false;
  const time = clock.parseBytes(buf, timeStart, timeEnd);
  if (Number.isNaN(time)) return false;
  out.time = time;
  out.value = negative ? -value : value;
  out.tagsStart = pos + TAGS_KEY.length;
  out.tagsEnd = metricKey - 1;
  out.metricStart = metricStart;
  out.metricEnd = end - 2;
  return true;
}
