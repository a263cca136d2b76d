import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistogram, encodeHistogram, recordTrendValue } from '../../../../engine/metrics/hdr.ts';
import type { MetricType, Tags } from '../../../../engine/metrics/metric-types.ts';
import type { SeriesDelta } from '../../../../engine/metrics/series-delta.ts';
import { TimelineWriter } from '../../../../engine/output/timeline-writer.ts';

/** A fresh temporary directory for one test's run folder. */
export function tempRunDir(): string {
  return mkdtempSync(join(tmpdir(), 'loadbook-analysis-'));
}

/** A trend delta holding exactly these values (ms), recorded the way the engine records them. */
export function trendDelta(metric: string, tags: Tags, values: readonly number[]): SeriesDelta {
  const histogram = createHistogram();
  for (const value of values) recordTrendValue(histogram, value);
  return {
    metric,
    type: 'trend',
    contains: 'time',
    tags,
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: Math.min(...values),
    max: Math.max(...values),
    last: values.at(-1)!,
    hdr: encodeHistogram(histogram),
  };
}

/** A counter or rate delta: `count` samples adding up to `sum`. */
export function plainDelta(metric: string, type: Exclude<MetricType, 'trend'>, tags: Tags, count: number, sum: number): SeriesDelta {
  return { metric, type, contains: 'default', tags, count, sum, min: 0, max: count > 0 ? 1 : 0, last: 0 };
}

/** Writes `timeline.ndjson.gz` into `runDir` with the engine's TimelineWriter, one entry per second. */
export async function writeTimeline(runDir: string, seconds: readonly SeriesDelta[][]): Promise<string> {
  const path = join(runDir, 'timeline.ndjson.gz');
  const writer = new TimelineWriter(path, 1_700_000_000_000, 1);
  seconds.forEach((deltas, second) => writer.add(second, deltas, 0));
  await writer.close();
  return path;
}

/** The exact p-th percentile of raw values, by HDR's rank rule: the value at rank ceil(p/100 × n). */
export function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
