import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../../../engine/metrics/hdr.ts';
import { HdrBucket } from '../../../../reports/analysis/hdr-bucket.ts';
import { trendDelta } from './timeline-fixture.ts';

function bucket(values: number[], sealed: boolean): HdrBucket {
  const result = new HdrBucket();
  result.add(trendDelta('x', {}, values), undefined);
  if (sealed) result.seal();
  return result;
}

describe('HdrBucket', () => {
  it.each([
    { into: false, from: false },
    { into: true, from: false },
    { into: false, from: true },
    { into: true, from: true },
  ])('merges the same whether sealed ($into) or not ($from)', ({ into, from }) => {
    const merged = bucket([1, 2, 3, 4], into);
    merged.merge(bucket([100, 200], from));
    expect(merged).toMatchObject({ count: 6, min: 1, max: 200 });
    const [p0, p50, p100] = merged.percentiles([0, 50, 100])!;
    expect([p0, p100]).toEqual([1, 200]);
    expect(p50).toBeCloseTo(3, 2); // HDR: within 0.1%
    expect(decodeHistogram(merged.encode()!).totalCount).toBe(6);
  });

  it('clamps percentiles to the exact extremes and has none when empty', () => {
    expect(bucket([10.0004], true).percentiles([50, 99])).toEqual([10.0004, 10.0004]);
    expect(new HdrBucket().percentiles([50])).toBeUndefined();
    expect(new HdrBucket().encode()).toBeUndefined();
  });
});
