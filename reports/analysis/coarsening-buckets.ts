/** How to make, merge and put away one bucket's value. */
export interface BucketHooks<T> {
  create(): T;
  /** Folds `from` into `into` when two buckets become one. */
  merge(into: T, from: T): void;
  /** Called on a bucket once a later one exists (e.g. to encode its histograms). */
  seal?(value: T): void;
}

/**
 * Consecutive time buckets of `widthS` seconds, at most `maxBuckets` of them: when one more would be
 * needed, the width doubles and neighbours merge. Callers that know the run's length pick a width that
 * never doubles; the doubling is what keeps memory bounded when the length is unknown (stock k6 output)
 * or longer than planned. Values arrive in roughly ascending time.
 */
export class CoarseningBuckets<T> {
  private entries: { index: number; value: T }[] = [];

  constructor(
    public widthS: number,
    private readonly maxBuckets: number,
    private readonly hooks: BucketHooks<T>,
  ) {
    if (!(widthS > 0) || !(maxBuckets >= 1)) {
      throw new Error(`invalid buckets; expected a positive width and at least 1 bucket, got ${widthS} s and ${maxBuckets}`);
    }
  }

  /** The bucket holding `second` (seconds since the run started, ≥ 0), created when new. */
  at(second: number): T {
    const index = Math.floor(second / this.widthS);
    let position = this.entries.length;
    while (position > 0 && this.entries[position - 1]!.index > index) position--;
    const before = this.entries[position - 1];
    if (before?.index === index) return before.value;
    const value = this.hooks.create();
    this.entries.splice(position, 0, { index, value });
    if (position === this.entries.length - 1 && before) this.hooks.seal?.(before.value);
    if (this.entries.length <= this.maxBuckets) return value;
    while (this.entries.length > this.maxBuckets) this.coarsen();
    return this.at(second);
  }

  /** The buckets so far, oldest first, each with its first second. */
  list(): { second: number; value: T }[] {
    return this.entries.map(({ index, value }) => ({ second: index * this.widthS, value }));
  }

  private coarsen(): void {
    this.widthS *= 2;
    const merged: { index: number; value: T }[] = [];
    for (const { index, value } of this.entries) {
      const last = merged.at(-1);
      if (last && last.index === Math.floor(index / 2)) this.hooks.merge(last.value, value);
      else merged.push({ index: Math.floor(index / 2), value });
    }
    this.entries = merged;
    for (const entry of merged.slice(0, -1)) this.hooks.seal?.(entry.value);
  }
}
