import { createHistogram, decodeHistogram, percentileOf, type Histogram } from './hdr.ts';
import type { MetricContains, MetricType } from './metric-types.ts';
import type { SeriesDelta } from './series-delta.ts';

/** Totals of a metric or sub-metric over the whole run, merged from per-second deltas. */
export class Aggregate {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  last = 0;
  readonly histogram: Histogram | undefined;

  constructor(
    readonly type: MetricType,
    readonly contains: MetricContains,
  ) {
    this.histogram = type === 'trend' ? createHistogram() : undefined;
  }

  /** Adds a delta; `decoded` lets callers decode a delta's histogram once for several aggregates. */
  merge(delta: SeriesDelta, decoded?: Histogram): void {
    this.count += delta.count;
    this.sum += delta.sum;
    this.last = delta.last;
    if (delta.min < this.min) this.min = delta.min;
    if (delta.max > this.max) this.max = delta.max;
    if (this.histogram && delta.hdr) this.histogram.add(decoded ?? decodeHistogram(delta.hdr));
  }

  /** One summary statistic by its k6 name: avg, min, med, max, p(N), count, rate, value, passes, fails. */
  stat(name: string, durationMs: number): number | undefined {
    if (this.count === 0) return undefined;
    switch (this.type) {
      case 'counter':
        if (name === 'count') return this.sum;
        if (name === 'rate') return durationMs > 0 ? (this.sum * 1000) / durationMs : 0;
        return undefined;
      case 'gauge':
        if (name === 'value') return this.last;
        if (name === 'min') return this.min;
        if (name === 'max') return this.max;
        return undefined;
      case 'rate':
        if (name === 'rate') return this.sum / this.count;
        if (name === 'passes') return this.sum;
        if (name === 'fails') return this.count - this.sum;
        return undefined;
      case 'trend':
        return this.trendStat(name);
      default:
        return this.type satisfies never;
    }
  }

  private trendStat(name: string): number | undefined {
    switch (name) {
      case 'avg':
        return this.sum / this.count;
      case 'min':
        return this.min;
      case 'max':
        return this.max;
      case 'count':
        return this.count;
      case 'med':
        return this.percentile(50);
    }
    const match = /^p\((\d+(?:\.\d+)?)\)$/.exec(name);
    return match ? this.percentile(Number(match[1])) : undefined;
  }

  /** HDR percentiles are bucket-rounded; clamping to the exact min and max keeps them honest at the edges. */
  private percentile(p: number): number {
    const value = percentileOf(this.histogram!, p);
    return Math.min(this.max, Math.max(this.min, value));
  }
}
