import type { Histogram } from '../../engine/metrics/hdr.ts';

/** The parts of hdr-histogram-js's JsHistogram the fast paths read; present at runtime, not in its public type. */
export interface HistogramLayout {
  subBucketCount: number;
  unitMagnitude: number;
  countsArrayLength: number;
  maxValue: number;
  minNonZeroValue: number;
  totalCount: number;
  countsArrayIndex(value: number): number;
  getCountAtIndex(index: number): number;
  addToCountAtIndex(index: number, value: number): void;
  setTotalCount(value: number): void;
  resize(newHighestTrackableValue: number): void;
  updatedMaxValue(value: number): void;
  updateMinNonZeroValue(value: number): void;
  /** TypedArrayHistogram's counts; read and written directly in the loop, which is the hot part. */
  _counts?: Int32Array | Float64Array | Uint8Array | Uint16Array;
}

/** The histogram's internals, or undefined for an implementation without them (WebAssembly). */
export function histogramLayout(histogram: Histogram): HistogramLayout | undefined {
  const layout = histogram as unknown as HistogramLayout;
  return typeof layout.getCountAtIndex === 'function' && typeof layout.countsArrayIndex === 'function' ? layout : undefined;
}

/**
 * Adds `from` into `into`, like `into.add(from)` but fast when their sizes differ. The library adds
 * index by index only when both have the same number of buckets; otherwise it re-records every value,
 * several times slower, and an accumulator that has grown never has the size of a one-second histogram.
 * With equal sub-bucket count and unit magnitude (every histogram here: same precision and lowest value),
 * a counts index means the same value whatever the bucket count, so the smaller array is a prefix of
 * the larger and counts add index by index. Anything else goes to the library.
 */
export function addHistogram(into: Histogram, from: Histogram): void {
  const a = histogramLayout(into);
  const b = histogramLayout(from);
  if (!a || !b || a.subBucketCount !== b.subBucketCount || a.unitMagnitude !== b.unitMagnitude) {
    into.add(from);
    return;
  }
  if (b.totalCount === 0) return;
  const last = Math.min(b.countsArrayLength - 1, b.countsArrayIndex(b.maxValue));
  if (last >= a.countsArrayLength) a.resize(b.maxValue);
  if (last >= a.countsArrayLength) {
    into.add(from);
    return;
  }
  let added = 0;
  const source = b._counts;
  const target = a._counts;
  if (source && target && target.constructor === source.constructor) {
    for (let i = 0; i <= last; i++) {
      const count = source[i]!;
      if (count > 0) {
        target[i]! += count;
        added += count;
      }
    }
  } else {
    for (let i = 0; i <= last; i++) {
      const count = b.getCountAtIndex(i);
      if (count > 0) {
        a.addToCountAtIndex(i, count);
        added += count;
      }
    }
  }
  a.setTotalCount(a.totalCount + added);
  a.updatedMaxValue(Math.max(a.maxValue, b.maxValue));
  a.updateMinNonZeroValue(Math.min(a.minNonZeroValue, b.minNonZeroValue));
}
