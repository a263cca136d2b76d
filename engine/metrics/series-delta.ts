import type { MetricContains, MetricType, Tags } from './metric-types.ts';

/**
 * What one series (a metric and one tag set) gathered during one second.
 * Workers send these to the main thread once per second, never one message per sample.
 */
export interface SeriesDelta {
  metric: string;
  type: MetricType;
  contains: MetricContains;
  tags: Tags;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** The last value seen: what a gauge reports. */
  last: number;
  /** Trends only: the second's HDR histogram, compressed base64, microseconds. */
  hdr?: string;
}

/** All deltas a worker gathered in one second of the test. */
export interface SecondSnapshot {
  second: number;
  deltas: SeriesDelta[];
}
