import { describe, expect, it } from 'vitest';
import type { Tags } from '../../../../engine/metrics/metric-types.ts';
import type { TimelineRecord } from '../../../../engine/output/timeline-writer.ts';
import { CachingCheck, type CachingCheckOptions } from '../../../../reports/analysis/caching-check.ts';
import { plainDelta } from './timeline-fixture.ts';

const OPTIONS: CachingCheckOptions = { warmupS: 10, target: 0.85, topN: 2, scenario: 'product-get' };

function cacheHit(second: number, bucket: string | undefined, samples: number, hits: number, scenario = 'product-get'): TimelineRecord {
  const tags: Tags = bucket === undefined ? { scenario } : { scenario, id_bucket: bucket };
  return { kind: 'series', second, time: second * 1000, ...plainDelta('cache_hit', 'rate', tags, samples, hits) };
}

function check(records: TimelineRecord[], options = OPTIONS) {
  const caching = new CachingCheck(options);
  for (const record of records) caching.add(record);
  return caching.result();
}

describe('CachingCheck', () => {
  it('leaves warm-up out and ranks key buckets by samples after it', () => {
    const result = check([
      cacheHit(0, '1', 100, 0), // warm-up: cold cache, left out
      cacheHit(9, '2-3', 100, 0),
      cacheHit(10, '1', 60, 60),
      cacheHit(11, '2-3', 30, 27),
      cacheHit(12, '4-7', 10, 1),
      cacheHit(12, '1', 0, 0),
      cacheHit(20, '1', 100, 100, 'order-post'), // another scenario's records do not count
    ]);
    expect(result).toEqual({
      warmupS: 10,
      samples: 100,
      hitRatio: 0.88,
      target: 0.85,
      meetsTarget: true,
      topKeys: [
        { bucket: '1', samples: 60, share: 0.6, hitRatio: 1 },
        { bucket: '2-3', samples: 30, share: 0.3, hitRatio: 0.9 },
      ],
    });
  });

  it('fails the target below it, and lists untagged samples under their own bucket', () => {
    const result = check([cacheHit(10, undefined, 10, 5)], { ...OPTIONS, topN: 10 });
    expect(result).toMatchObject({ hitRatio: 0.5, meetsTarget: false, topKeys: [{ bucket: '(untagged)', samples: 10, share: 1, hitRatio: 0.5 }] });
  });

  it('has no verdict when every sample fell in the warm-up', () => {
    expect(check([cacheHit(3, '1', 50, 10)])).toEqual({ warmupS: 10, samples: 0, hitRatio: undefined, target: 0.85, meetsTarget: undefined, topKeys: [] });
  });

  it('is undefined for a run without cache_hit records', () => {
    expect(check([])).toBeUndefined();
    expect(check([cacheHit(20, '1', 5, 5, 'order-post')])).toBeUndefined();
  });

  it('counts every scenario when none is named (stock k6 output)', () => {
    expect(check([cacheHit(20, '1', 5, 5, 'default')], { ...OPTIONS, scenario: undefined })?.samples).toBe(5);
  });
});
