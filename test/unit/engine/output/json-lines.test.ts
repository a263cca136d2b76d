import { describe, expect, it } from 'vitest';
import { metricLine, pointLine, rfc3339Nano } from '../../../../engine/output/json-lines.ts';

const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

describe('rfc3339Nano', () => {
  it.each([
    [Date.UTC(2024, 0, 1, 0, 0, 0, 123), '2024-01-01T00:00:00.123000000Z'],
    [Date.UTC(2024, 0, 1, 0, 0, 0, 123) + 0.5, '2024-01-01T00:00:00.123500000Z'],
    [Date.UTC(2024, 0, 1, 0, 0, 0, 123) + 0.25, '2024-01-01T00:00:00.123250000Z'],
    [Date.UTC(2025, 11, 31, 23, 59, 59, 999) + 0.75, '2025-12-31T23:59:59.999750000Z'],
    [0, '1970-01-01T00:00:00.000000000Z'],
    [1.000001, '1970-01-01T00:00:00.001000001Z'],
    [1000.123456789, '1970-01-01T00:00:01.000123457Z'],
    [1000.9999997, '1970-01-01T00:00:01.001000000Z'], // rounds up into the next millisecond
  ])('writes %d ms since the epoch as %s', (epochMs, expected) => {
    expect(rfc3339Nano(epochMs)).toBe(expected);
  });

  it('always writes nine fraction digits, which Date.parse reads back to the millisecond', () => {
    for (let i = 0; i < 2000; i++) {
      const epochMs = Date.UTC(2024, 5, 1) + i * 7.0001 + i / 2000;
      const text = rfc3339Nano(epochMs);
      expect(text).toMatch(RFC3339_NANO);
      expect(Math.abs(Date.parse(text) - epochMs)).toBeLessThan(1);
    }
  });
});

describe('metricLine', () => {
  it('writes the line k6 writes when a metric first appears', () => {
    const line = metricLine({ name: 'http_req_duration', type: 'trend', contains: 'time' }, ['p(95)<120', 'avg<80']);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      type: 'Metric',
      metric: 'http_req_duration',
      data: { name: 'http_req_duration', type: 'trend', contains: 'time', thresholds: ['p(95)<120', 'avg<80'], submetrics: null },
    });
  });

  it('writes an empty thresholds list for a metric without thresholds', () => {
    expect(JSON.parse(metricLine({ name: 'data_sent', type: 'counter', contains: 'data' }))).toEqual({
      type: 'Metric',
      metric: 'data_sent',
      data: { name: 'data_sent', type: 'counter', contains: 'data', thresholds: [], submetrics: null },
    });
  });
});

describe('pointLine', () => {
  it('writes one sample as a k6 point line', () => {
    const epochMs = Date.UTC(2024, 2, 3, 4, 5, 6, 789) + 0.5;
    const line = pointLine('http_req_duration', epochMs, 12.345, { method: 'GET', status: '200', name: 'http://localhost/products' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      type: 'Point',
      metric: 'http_req_duration',
      data: {
        time: '2024-03-03T04:05:06.789500000Z',
        value: 12.345,
        tags: { method: 'GET', status: '200', name: 'http://localhost/products' },
      },
    });
  });

  it.each([
    ['a quote and a backslash in a tag', 'checks', { check: 'body has "id" \\ ok' }, 1],
    ['a newline in a tag', 'checks', { check: 'line one\nline two' }, 0],
    ['unicode in a tag', 'iterations', { scenario: 'café ☕' }, 1],
    ['no tags', 'vus', {}, 10],
    ['a negative value', 'cart_delta', {}, -3.5],
    ['a very small value', 'http_req_tls_handshaking', {}, 1e-7],
  ])('keeps the line valid JSON with %s', (_name, metric, tags, value) => {
    const line = pointLine(metric, 1_717_200_000_000, value, tags);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(parsed).toEqual({ type: 'Point', metric, data: { time: '2024-06-01T00:00:00.000000000Z', value, tags } });
  });
});
