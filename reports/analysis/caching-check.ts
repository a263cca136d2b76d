import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import type { CacheKeyBucket, CachingAnalysis } from './run-analysis.ts';

/** The metric product-get records per response: 1 for `X-Cache: HIT`, 0 for MISS, tagged `id_bucket`. */
export const CACHE_HIT_METRIC = 'cache_hit';

/** Where the check looks and what it expects. */
export interface CachingCheckOptions {
  /** Seconds since the run started left out as warm-up. */
  warmupS: number;
  /** Hit ratio to reach. */
  target: number;
  /** Key buckets to list. */
  topN: number;
  /** The scenario whose `cache_hit` counts; undefined counts every scenario (stock k6 output). */
  scenario: string | undefined;
}

/** Samples not tagged `id_bucket` are listed under this bucket name. */
export const UNTAGGED_BUCKET = '(untagged)';

/**
 * The caching check (docs/runbook.md §6), folded record by record: the `cache_hit` rate after warm-up, overall and
 * per key bucket. Memory grows with the number of `id_bucket` values (about 14), never with the run.
 */
export class CachingCheck {
  private seen = false;
  private samples = 0;
  private hits = 0;
  private readonly buckets = new Map<string, { samples: number; hits: number }>();

  constructor(private readonly options: CachingCheckOptions) {}

  add(record: TimelineRecord): void {
    if (record.metric !== CACHE_HIT_METRIC) return;
    if (this.options.scenario !== undefined && record.tags.scenario !== this.options.scenario) return;
    this.seen = true;
    if (record.second < this.options.warmupS || record.count === 0) return;
    this.samples += record.count;
    this.hits += record.sum;
    const name = record.tags.id_bucket ?? UNTAGGED_BUCKET;
    const bucket = this.buckets.get(name);
    if (bucket) {
      bucket.samples += record.count;
      bucket.hits += record.sum;
    } else this.buckets.set(name, { samples: record.count, hits: record.sum });
  }

  /** The check; undefined when the run recorded no `cache_hit` at all. */
  result(): CachingAnalysis | undefined {
    if (!this.seen) return undefined;
    const { warmupS, target, topN } = this.options;
    const hitRatio = this.samples > 0 ? this.hits / this.samples : undefined;
    const topKeys: CacheKeyBucket[] = [...this.buckets]
      .sort(([nameA, a], [nameB, b]) => b.samples - a.samples || nameA.localeCompare(nameB))
      .slice(0, topN)
      .map(([bucket, { samples, hits }]) => ({ bucket, samples, share: samples / this.samples, hitRatio: hits / samples }));
    return {
      warmupS,
      samples: this.samples,
      hitRatio,
      target,
      meetsTarget: hitRatio === undefined ? undefined : hitRatio >= target,
      topKeys,
    };
  }
}
