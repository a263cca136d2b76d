import type { Aggregate } from '../../engine/metrics/aggregate.ts';
import { decodeHistogram, type Histogram } from '../../engine/metrics/hdr.ts';
import type { SeriesDelta } from '../../engine/metrics/series-delta.ts';
import { addHistogram, histogramLayout } from './add-histogram.ts';
import { sparseOfEncoded } from './sparse-of-encoded.ts';

/**
 * The non-zero counts of a decoded histogram. A second's histogram has a few hundred non-zero counts
 * out of thousands of slots; analysis adds each into four accumulators (whole run, stage, window, chart
 * bucket), so it walks the slots once here and then only the non-zero ones.
 */
export interface SparseHistogram {
  readonly indices: readonly number[];
  readonly counts: readonly number[];
  readonly total: number;
  /** What adding the counts needs of the histogram; undefined when it has no JS layout (WebAssembly). */
  readonly shape: SparseShape | undefined;
  /** The decoded histogram, for layouts the sparse path does not handle; decoded when first read. */
  readonly histogram: Histogram;
}

/** The histogram's layout and extremes, as its own fields hold them. */
export interface SparseShape {
  readonly subBucketCount: number;
  readonly unitMagnitude: number;
  readonly maxValue: number;
  readonly minNonZeroValue: number;
}

/** The non-zero counts of `histogram`. */
export function sparseHistogram(histogram: Histogram): SparseHistogram {
  const layout = histogramLayout(histogram);
  const indices: number[] = [];
  const counts: number[] = [];
  let total = 0;
  if (layout && layout.totalCount > 0) {
    const last = Math.min(layout.countsArrayLength - 1, layout.countsArrayIndex(layout.maxValue));
    const source = layout._counts;
    for (let i = 0; i <= last; i++) {
      const count = source ? source[i]! : layout.getCountAtIndex(i);
      if (count > 0) {
        indices.push(i);
        counts.push(count);
        total += count;
      }
    }
  }
  return { indices, counts, total, shape: layout, histogram };
}

/**
 * A trend record's histogram made sparse; undefined when the record carries none. The counts are read
 * straight from the encoding ({@link sparseOfEncoded}), the same as decoding with the library and then
 * {@link sparseHistogram}; the library decodes only encodings that reader does not take, and whenever
 * a fallback asks for `histogram`.
 */
export function sparseOfRecord(record: SeriesDelta): SparseHistogram | undefined {
  const encoded = record.hdr;
  if (!encoded) return undefined;
  const read = sparseOfEncoded(encoded);
  if (!read) return sparseHistogram(decodeHistogram(encoded));
  const { indices, counts, total, ...shape } = read;
  let decoded: Histogram | undefined;
  return {
    indices,
    counts,
    total,
    shape,
    get histogram() {
      return (decoded ??= decodeHistogram(encoded));
    },
  };
}

/** Adds a sparse histogram into `into`, as `into.add(sparse.histogram)` would. */
export function addSparse(into: Histogram, sparse: SparseHistogram): void {
  const a = histogramLayout(into);
  const b = sparse.shape;
  if (!a || !b || a.subBucketCount !== b.subBucketCount || a.unitMagnitude !== b.unitMagnitude) {
    addHistogram(into, sparse.histogram);
    return;
  }
  if (sparse.total === 0) return;
  const last = sparse.indices[sparse.indices.length - 1]!;
  if (last >= a.countsArrayLength) a.resize(b.maxValue);
  if (last >= a.countsArrayLength) {
    into.add(sparse.histogram);
    return;
  }
  const target = a._counts;
  const { indices, counts } = sparse;
  for (let k = 0; k < indices.length; k++) {
    if (target) target[indices[k]!]! += counts[k]!;
    else a.addToCountAtIndex(indices[k]!, counts[k]!);
  }
  a.setTotalCount(a.totalCount + sparse.total);
  a.updatedMaxValue(Math.max(a.maxValue, b.maxValue));
  a.updateMinNonZeroValue(Math.min(a.minNonZeroValue, b.minNonZeroValue));
}

/** Aggregate.merge for a trend record whose histogram was made sparse, added by {@link addSparse}. */
export function mergeTrend(aggregate: Aggregate, delta: SeriesDelta, decoded: SparseHistogram | undefined): void {
  if (!decoded || !aggregate.histogram) {
    aggregate.merge(delta, decoded?.histogram);
    return;
  }
  aggregate.count += delta.count;
  aggregate.sum += delta.sum;
  aggregate.last = delta.last;
  if (delta.min < aggregate.min) aggregate.min = delta.min;
  if (delta.max > aggregate.max) aggregate.max = delta.max;
  addSparse(aggregate.histogram, decoded);
}
