import { HDR_UNITS_PER_MS } from '../../../engine/metrics/hdr.ts';
import { valueOfIndex } from './counts-percentile.ts';
import type { WindowCounts } from './window-counts.ts';

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
