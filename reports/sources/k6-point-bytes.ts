import type { Rfc3339Clock } from './rfc3339-clock.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const POINT_PREFIX = bytes('{"type":"Point","data":{"time":"');
const VALUE_KEY = bytes('","value":');
const TAGS_KEY = bytes(',"tags":');
const METRIC_KEY = bytes(',"metric":"');
/** 10^k for the exact fast path of decimal parsing (Clinger): m / 10^k is correctly rounded for m < 2^53, k ≤ 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function matchesAt(buf: Buffer, pos: number, pattern: Uint8Array): boolean {
  for (let i = 0; i < pattern.length; i++) if (buf[pos + i] !== pattern[i]) return false;
  return true;
}

/**
 * The hash scanPointBytes gives a metric name: over its bytes from last to first. Equal names hash
 * equally; the caller still compares bytes, so collisions only cost time.
 */
export function metricNameHash(name: Buffer): number {
  let hash = 0;
  for (let i = name.length - 1; i >= 0; i--) hash = (Math.imul(hash, 31) + name[i]!) | 0;
  return hash;
}

/** The longest head (prefix, time and value key) worth keeping: k6 writes at most 35 characters of time. */
const HEAD_CAPACITY = 96;

/**
 * Reads Point lines in the exact shape k6 writes them, working on bytes (no string decoding, no
 * JSON.parse): `{"type":"Point","data":{"time":"…","value":N,"tags":{…}},"metric":"name"}`. `scan`
 * returns false for anything else (other key orders, exponents, escapes or non-ASCII in the name),
 * which the caller then parses as JSON: this path is only a shortcut, never the judge. An extra field
 * after the tags is left in the tags' range, which then is not one JSON value: the caller's decoding of
 * new tags rejects it, and known tags are matched by their exact bytes.
 * After a true `scan`, the fields say where the parts of the line are; the tags are located but not
 * read, since the caller recognises them by their bytes.
 */
export class K6PointBytes {
  time = 0;
  value = 0;
  tagsStart = 0;
  tagsEnd = 0;
  metricStart = 0;
  metricEnd = 0;
  /** metricNameHash of the name's bytes. */
  metricHash = 0;
  /**
   * The bytes up to the value of the last line read in full, and its time: the points of one request
   * share their time, so most lines match these bytes in one native comparison instead of a byte
   * loop through the prefix and the time.
   */
  private readonly head = Buffer.alloc(HEAD_CAPACITY);
  private headLength = 0;
  private headTime = 0;

  constructor(private readonly clock: Rfc3339Clock) {}

  scan(buf: Buffer, start: number, end: number): boolean {
    if (end - start < 60) return false;
    let pos: number;
    let time: number;
    const headLength = this.headLength;
    if (headLength > 0 && headLength < end - start && this.head.compare(buf, start, start + headLength, 0, headLength) === 0) {
      pos = start + headLength;
      time = this.headTime;
    } else {
      if (!matchesAt(buf, start, POINT_PREFIX)) return false;
      time = this.clock.scanBytes(buf, start + POINT_PREFIX.length, end);
      if (Number.isNaN(time)) return false;
      const timeEnd = this.clock.end;
      if (timeEnd + VALUE_KEY.length >= end || !matchesAt(buf, timeEnd, VALUE_KEY)) return false;
      pos = timeEnd + VALUE_KEY.length;
      if (pos - start <= HEAD_CAPACITY) {
        buf.copy(this.head, 0, start, pos);
        this.headLength = pos - start;
        this.headTime = time;
      }
    }
    // The value: -?digits(.digits)?, exact when it has at most 15 digits.
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
    let hash = 0;
    while (metricStart > pos) {
      const c = buf[metricStart - 1]!;
      if (c === 34) break;
      if (c === 92 || c >= 128) return false;
      hash = (Math.imul(hash, 31) + c) | 0;
      metricStart--;
    }
    const metricKey = metricStart - METRIC_KEY.length;
    if (metricStart === end - 2 || metricKey <= pos || !matchesAt(buf, metricKey, METRIC_KEY) || buf[metricKey - 1] !== 125) return false;
    this.time = time;
    this.value = negative ? -value : value;
    this.tagsStart = pos + TAGS_KEY.length;
    this.tagsEnd = metricKey - 1;
    this.metricStart = metricStart;
    this.metricEnd = end - 2;
    this.metricHash = hash;
    return true;
  }
}
