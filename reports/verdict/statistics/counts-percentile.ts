import { HDR_UNITS_PER_MS } from '../../../engine/metrics/hdr.ts';
import type { WindowCounts } from './window-counts.ts';

/** The layout facts that turn a counts index into a value, as hdr-histogram-js's JsHistogram keeps them. */
export interface CountsLayout {
  readonly subBucketCount: number;
  readonly unitMagnitude: number;
}

/** hdr-histogram-js's ulp: the gap to the next double above `x`. */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}

/**
 * The value at percentile `p` (0–100] of dense counts (`counts[i]` the count at HDR index `i`), in ms,
 * with hdr-histogram-js's `getValueAtPercentile` semantics: the rank is the fp count rounded up (less
 * one ulp) and at least 1, and the value is the highest value equivalent to the index that reaches it.
 * `percentileOf(histogram, p)` gives the same number for a histogram holding these counts.
 *
 * @param total the sum of `counts`, which the caller already has
 * @returns 0 when the counts are empty, as the library returns
 */
export function countsPercentile(counts: ArrayLike<number>, total: number, layout: CountsLayout, p: number): number {
  if (total <= 0) return 0;
  const fp = (Math.min(p, 100) / 100) * total;
  const rank = Math.max(fp > 0 ? Math.ceil(fp - ulp(fp)) : 0, 1);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return valueOfIndex(i, layout, p === 0) / HDR_UNITS_PER_MS;
  }
  return 0;
}

/** valueFromIndex, then lowestEquivalentValue (p = 0) or highestEquivalentValue, as the library computes them, in HDR units. */
export function valueOfIndex(index: number, layout: CountsLayout, lowest: boolean): number {
  const half = layout.subBucketCount / 2;
  let bucket = Math.floor(index / half) - 1;
  let subBucket = (index % half) + half;
  if (bucket < 0) {
    subBucket -= half;
    bucket = 0;
  }
  const value = subBucket * 2 ** (bucket + layout.unitMagnitude);
  return lowest ? value : value + 2 ** (bucket + layout.unitMagnitude) - 1;
}

/**
 * The resolution samples were recorded at, read from their histograms: 1 ms when every sample is a whole
 * number of milliseconds (a latency taken as a difference of two `Date.now()` readings, as loadbook timed
 * WebSocket broadcasts and Kafka produces before they moved to microseconds), else 0: the histograms'
 * own precision (3 significant digits) is far finer than any ratio the verdict tells apart. Samples
 * recorded in microseconds land on a whole millisecond one time in a thousand, so a few dozen of them
 * never pass for whole milliseconds. No samples: 0, nothing to say otherwise.
 */
export function recordedResolutionMs(windows: readonly WindowCounts[]): 0 | 1 {
  let seen = false;
  for (const window of windows) {
    for (const index of window.indices) {
      seen = true;
      const lowest = valueOfIndex(index, window, true);
      const highest = valueOfIndex(index, window, false);
      // The HDR bucket holds a whole millisecond when a multiple of 1000 µs lies within its range.
      if (Math.floor(highest / HDR_UNITS_PER_MS) * HDR_UNITS_PER_MS < lowest) return 0;
    }
  }
  return seen ? 1 : 0;
}
