/**
 * The power-of-two rank bucket of an id: 1 → "1", 2..3 → "2-3", 4..7 → "4-7", … 8192..16383 → "8192-16383".
 *
 * Ids drawn Zipf-like are ranks, so these buckets show the key distribution (how much traffic the top 1,
 * 3, 7, … ids take, and their cache hit ratio) with about 14 tag values for 10000 ids, where a per-id tag
 * would create a metric series per product.
 */
export function idBucket(id: number): string {
  if (!Number.isInteger(id) || id < 1 || id > 0x7fffffff) {
    throw new Error(`invalid id; expected a whole number from 1 to 2147483647, got ${String(id)}`);
  }
  const low = 2 ** (31 - Math.clz32(id));
  const high = low * 2 - 1;
  return low === high ? String(low) : `${low}-${high}`;
}
