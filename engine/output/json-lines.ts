import type { MetricDefinition, Tags } from '../metrics/metric-types.ts';

/** RFC 3339 time with nanoseconds, as k6's JSON output writes it. */
export function rfc3339Nano(epochMs: number): string {
  let whole = Math.floor(epochMs);
  let nanos = Math.round((epochMs - whole) * 1e6);
  // A fraction within half a nanosecond of the next millisecond rounds up into it, not to a 10th digit.
  if (nanos === 1e6) {
    whole += 1;
    nanos = 0;
  }
  const iso = new Date(whole).toISOString(); // 2024-01-01T00:00:00.123Z
  return `${iso.slice(0, 23)}${String(nanos).padStart(6, '0')}Z`;
}

/** The line k6 writes the first time a metric appears. */
export function metricLine(metric: MetricDefinition, thresholds: string[] = []): string {
  return JSON.stringify({
    type: 'Metric',
    data: { name: metric.name, type: metric.type, contains: metric.contains, thresholds, submetrics: null },
    metric: metric.name,
  });
}

/** One sample as a k6 JSON point line. */
export function pointLine(metric: string, epochMs: number, value: number, tags: Tags): string {
  return `{"type":"Point","data":{"time":"${rfc3339Nano(epochMs)}","value":${value},"tags":${JSON.stringify(tags)}},"metric":${JSON.stringify(metric)}}`;
}
