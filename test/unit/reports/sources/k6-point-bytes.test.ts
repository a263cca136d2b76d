import { describe, expect, it } from 'vitest';
import { K6PointBytes, metricNameHash } from '../../../../reports/sources/k6-point-bytes.ts';
import { Rfc3339Clock } from '../../../../reports/sources/rfc3339-clock.ts';

const point = (time: string, value: string, tags = '{"a":"1"}', metric = 'http_reqs') =>
  `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}},"metric":"${metric}"}`;

/** An independent reading: JSON.parse, Date.parse, and the nanoseconds added by hand. */
function expected(line: string) {
  const parsed = JSON.parse(line);
  const match = /^(.*\.\d{3})(\d*)(Z|[+-]\d\d:\d\d)$/.exec(parsed.data.time);
  const time = match
    ? Date.parse(match[1]! + match[3]!) + Number(`0.${match[2] || '0'}`)
    : Date.parse(parsed.data.time);
  return { time, value: parsed.data.value, tags: parsed.data.tags, metric: parsed.metric };
}

/** Scans each line in turn with one scanner, as the reader does, and reads back what it found. */
function scanAll(lines: string[]) {
  const scanner = new K6PointBytes(new Rfc3339Clock());
  return lines.map((line) => {
    const buf = Buffer.from(`xx${line}yy`);
    if (!scanner.scan(buf, 2, buf.length - 2)) return undefined;
    return {
      time: scanner.time,
      value: scanner.value,
      tags: JSON.parse(buf.toString('utf8', scanner.tagsStart, scanner.tagsEnd)),
      metric: buf.toString('utf8', scanner.metricStart, scanner.metricEnd),
      hash: scanner.metricHash,
    };
  });
}

describe('K6PointBytes', () => {
  it.each([
    ['a plain k6 point', point('2026-11-28T12:00:00.123456789Z', '17.051234')],
    ['an integer value', point('2026-11-28T12:00:00.5Z', '7')],
    ['a negative value', point('2026-11-28T12:00:00.5Z', '-0.25')],
    ['a time with a zone offset', point('2026-11-28T14:00:00.000001+02:00', '1')],
    ['a time without a fraction', point('2026-11-28T12:00:59Z', '1')],
    ['escaped strings in tags', point('2026-11-28T12:00:00.1Z', '1', '{"name":"a \\"quoted\\" }, \\\\ \\u00e9","x":""}')],
    ['null tags', point('2026-11-28T12:00:00.1Z', '1', 'null')],
    ['fifteen significant digits', point('2026-11-28T12:00:00.1Z', '0.12345678901234')],
  ])('reads %s as JSON.parse does', (_name, line) => {
    const [found] = scanAll([line]);
    const want = expected(line);
    expect(found).toEqual({ ...want, hash: metricNameHash(Buffer.from(want.metric)) });
  });

  it.each([
    ['an exponent', point('2026-11-28T12:00:00.1Z', '1e-7')],
    ['a capital exponent after a fraction', point('2026-11-28T12:00:00.1Z', '2.5E+3')],
    ['more than fifteen digits', point('2026-11-28T12:00:00.1Z', '1234567890123456')],
    ['a leading plus', point('2026-11-28T12:00:00.1Z', '+1')],
    ['a fraction without digits', point('2026-11-28T12:00:00.1Z', '1.')],
    ['an escaped metric name', point('2026-11-28T12:00:00.1Z', '1', '{}', 'a\\u0062')],
    ['a non-ASCII metric name', point('2026-11-28T12:00:00.1Z', '1', '{}', 'caf\u00e9')],
    ['another key order', '{"metric":"m","type":"Point","data":{"time":"2026-11-28T12:00:00.1Z","value":1,"tags":{}}}'],
    ['a Metric line', '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[]},"metric":"vus"}'],
    ['a time that is not RFC 3339', point('yesterday at noon, more or less', '1')],
  ])('leaves %s to JSON.parse', (_name, line) => {
    expect(scanAll([line])).toEqual([undefined]);
  });

  it('locates the tags of a line with an extra field so that they are not one JSON value, which sends the reader to JSON.parse', () => {
    const line = '{"type":"Point","data":{"time":"2026-11-28T12:00:00.1Z","value":1,"tags":{},"metadata":{"trace_id":"x"}},"metric":"m"}';
    const scanner = new K6PointBytes(new Rfc3339Clock());
    const buf = Buffer.from(line);
    if (!scanner.scan(buf, 0, buf.length)) return;
    expect(() => JSON.parse(buf.toString('utf8', scanner.tagsStart, scanner.tagsEnd))).toThrow(SyntaxError);
  });

  it('reads each line of a run whose points share, then change, their time', () => {
    const lines = [
      point('2026-11-28T12:00:00.100000000Z', '1'),
      point('2026-11-28T12:00:00.100000000Z', '2', '{"b":"2"}', 'http_req_duration'),
      point('2026-11-28T12:00:00.100000001Z', '3'),
      point('2026-11-28T12:00:01.100000001Z', '4'),
      point('2026-11-28T12:00:00.900000000Z', '5'),
      point('2026-11-28T12:00:00.9Z', '6'),
      point('2026-11-28T13:00:00.9+01:00', '7'),
      point('2026-11-28T12:00:00.9Z', '1e3'),
      point('2026-11-28T12:00:00.9Z', '8'),
    ];
    const found = scanAll(lines);
    expect(found[7]).toBeUndefined();
    found.forEach((f, i) => {
      if (i === 7) return;
      const want = expected(lines[i]!);
      expect(f).toEqual({ ...want, hash: metricNameHash(Buffer.from(want.metric)) });
    });
  });

  it('hashes names like the scan does, so equal names hash equally and the caller compares bytes', () => {
    // Two names with the same hash: the reader must still tell them apart by their bytes.
    expect(metricNameHash(Buffer.from('Aa_reqs'))).toBe(metricNameHash(Buffer.from('``_reqs')));
    const [a, b] = scanAll([point('2026-11-28T12:00:00.1Z', '1', '{}', 'Aa_reqs'), point('2026-11-28T12:00:00.1Z', '1', '{}', '``_reqs')]);
    expect([a!.metric, b!.metric]).toEqual(['Aa_reqs', '``_reqs']);
    expect(a!.hash).toBe(b!.hash);
  });
});
