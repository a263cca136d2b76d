import { Aggregate } from '../../engine/metrics/aggregate.ts';
import type { Tags } from '../../engine/metrics/metric-types.ts';
import type { TimelineLine } from './read-timeline.ts';

/** A window of a run in seconds since its start, half-open: records with `from ≤ second < to`. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** Which trend series to merge: the metric, and tags every record must carry (e.g. `{ scenario: 'x' }`). */
export interface SeriesSelector {
  metric: string;
  tags?: Tags;
}

/** Latency of a window, in the trend's unit (ms for time trends); percentiles come from merged HDR histograms. */
export interface LatencyStats {
  count: number;
  min: number;
  avg: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Whether a record's tags include every selected tag. */
export function tagsMatch(tags: Tags, wanted: Tags | undefined): boolean {
  if (!wanted) return true;
  for (const name in wanted) if (tags[name] !== wanted[name]) return false;
  return true;
}

/** The latency stats of a trend aggregate, or undefined when it holds no samples. */
export function latencyOf(aggregate: Aggregate): LatencyStats | undefined {
  if (aggregate.count === 0) return undefined;
  const stat = (name: string) => aggregate.stat(name, 0)!;
  return {
    count: aggregate.count,
    min: aggregate.min,
    avg: stat('avg'),
    p50: stat('med'),
    p95: stat('p(95)'),
    p99: stat('p(99)'),
    max: aggregate.max,
  };
}

/**
 * Percentiles of one trend over an arbitrary window, from the merged HDR histograms of every matching
 * second and tag set (never averaged percentiles). Streams: memory is one histogram whatever the input.
 *
 * @returns undefined when no sample falls in the window.
 */
export async function percentilesOver(
  records: AsyncIterable<TimelineLine> | Iterable<TimelineLine>,
  window: TimeWindow,
  selector: SeriesSelector,
): Promise<LatencyStats | undefined> {
  const aggregate = new Aggregate('trend', 'time');
  for await (const record of records) {
    if (record.kind !== 'series' || record.metric !== selector.metric) continue;
    if (record.second < window.from || record.second >= window.to) continue;
    if (tagsMatch(record.tags, selector.tags)) aggregate.merge(record);
  }
  return latencyOf(aggregate);
}
