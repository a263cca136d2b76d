import { describe, expect, it } from 'vitest';
import { idBucket } from '../../../lib/id-bucket.ts';

describe('idBucket', () => {
  it.each([
    [1, '1'],
    [2, '2-3'],
    [3, '2-3'],
    [4, '4-7'],
    [7, '4-7'],
    [8, '8-15'],
    [1000, '512-1023'],
    [8192, '8192-16383'],
    [10_000, '8192-16383'],
  ])('puts id %s in bucket %s', (id, bucket) => {
    expect(idBucket(id)).toBe(bucket);
  });

  it('keeps the 10000-product catalog to 14 tag values', () => {
    const buckets = new Set<string>();
    for (let id = 1; id <= 10_000; id++) buckets.add(idBucket(id));
    expect(buckets.size).toBe(14);
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('refuses id %s', (id) => {
    expect(() => idBucket(id)).toThrow(/^invalid id; expected a whole number from 1 to 2147483647/);
  });
});
