import { createHistogram, encodeHistogram, recordTrendValue, type Histogram } from './hdr.ts';
import type { Metric } from './metric-registry.ts';
import type { Tags } from './metric-types.ts';
import type { SeriesDelta } from './series-delta.ts';

/** One metric under one tag set, accumulating until the next flush. */
interface Series {
  readonly metric: Metric;
  readonly tags: Tags;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  histogram: Histogram | undefined;
}

/** An interned tag set: its key is computed once, and its series are found by metric id. */
export interface TagSet {
  readonly key: string;
  readonly tags: Tags;
  readonly series: (Series | undefined)[];
}

/** Appends each tag as name\u0001value\u0002, in the caller's order; interning makes the order canonical. */
export function tagKey(tags: Tags): string {
  let key = '';
  for (const name in tags) key += name + '\u0001' + tags[name] + '\u0002';
  return key;
}

function sortedTags(tags: Tags): Tags {
  const sorted: Tags = {};
  for (const name of Object.keys(tags).sort()) sorted[name] = tags[name]!;
  return sorted;
}

/**
 * Collects samples on the hot path without allocating per sample: tag sets are interned, and each
 * series keeps count, sum, min, max and, for trends, an HDR histogram of the current second.
 */
export class SampleSink {
  private readonly tagSets = new Map<string, TagSet>();
  private readonly canonical = new Map<string, TagSet>();
  private dirty: Series[] = [];
  /** Set only for `--out json`: sees every sample, which is exactly the per-sample cost that output asks for. */
  onSample: ((metric: Metric, tags: Tags, value: number) => void) | undefined;

  /** Interns a tag set; call once per request and reuse the result for every metric it emits. */
  tagSet(tags: Tags): TagSet {
    const key = tagKey(tags);
    let set = this.tagSets.get(key);
    if (set) return set;
    const sorted = sortedTags(tags);
    const sortedKey = tagKey(sorted);
    set = this.canonical.get(sortedKey);
    if (!set) {
      set = { key: sortedKey, tags: sorted, series: [] };
      this.canonical.set(sortedKey, set);
    }
    this.tagSets.set(key, set);
    return set;
  }

  add(metric: Metric, tagSet: TagSet, value: number): void {
    let series = tagSet.series[metric.id];
    if (!series) {
      series = { metric, tags: tagSet.tags, count: 0, sum: 0, min: Infinity, max: -Infinity, last: 0, histogram: undefined };
      tagSet.series[metric.id] = series;
    }
    if (series.count === 0) this.dirty.push(series);
    series.count++;
    series.sum += value;
    series.last = value;
    if (value < series.min) series.min = value;
    if (value > series.max) series.max = value;
    if (metric.type === 'trend') recordTrendValue((series.histogram ??= createHistogram()), value);
    if (this.onSample) this.onSample(metric, tagSet.tags, value);
  }

  /** Takes what every series gathered since the last flush, and resets them. */
  flush(): SeriesDelta[] {
    const deltas: SeriesDelta[] = [];
    for (const series of this.dirty) {
      const { metric } = series;
      deltas.push({
        metric: metric.name,
        type: metric.type,
        contains: metric.contains,
        tags: series.tags,
        count: series.count,
        sum: series.sum,
        min: series.min,
        max: series.max,
        last: series.last,
        hdr: series.histogram ? encodeHistogram(series.histogram) : undefined,
      });
      series.count = 0;
      series.sum = 0;
      series.min = Infinity;
      series.max = -Infinity;
      series.histogram?.reset();
    }
    this.dirty = [];
    return deltas;
  }
}
