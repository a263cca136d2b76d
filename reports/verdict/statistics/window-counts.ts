import { decodeHistogram } from '../../../engine/metrics/hdr.ts';
import { sparseHistogram } from '../../analysis/sparse-histogram.ts';
import { sparseOfEncoded } from '../../analysis/sparse-of-encoded.ts';

/**
 * One histogram window as the statistics read it: the non-zero counts of an HDR histogram (index, count
 * pairs, indices ascending) and the two layout facts that turn an index into a value. Every window of a
 * run or a baseline has the same layout (microseconds, 3 significant digits), so counts of equal indices
 * add up.
 */
export interface WindowCounts {
  readonly indices: readonly number[];
  readonly counts: readonly number[];
  readonly total: number;
  readonly subBucketCount: number;
  readonly unitMagnitude: number;
}

/**
 * The counts of one encoded window (`histograms.windows[i].hdr` of an analysis or a baseline), read
 * straight from the encoding by {@link sparseOfEncoded}; encodings that reader does not take go through
 * the library's decoder.
 *
 * @throws Error when the library cannot decode the string either, or the histogram has no JS layout.
 */
export function windowCountsOf(encoded: string): WindowCounts {
  const read = sparseOfEncoded(encoded);
  if (read) return read;
  const sparse = sparseHistogram(decodeHistogram(encoded));
  if (!sparse.shape) throw new Error('windowCountsOf: expected a histogram with a JS layout (hdr-histogram-js, not WebAssembly)');
  return { indices: sparse.indices, counts: sparse.counts, total: sparse.total, ...sparse.shape };
}
