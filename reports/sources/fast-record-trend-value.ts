import { recordTrendValue, HDR_UNITS_PER_MS, type Histogram } from '../../engine/metrics/hdr.ts';

/**
 * The fields of hdr-histogram-js's typed-array histograms (`Int32Histogram`, what the engine's
 * `createHistogram` builds) that a recording touches. They are public in the package's typings.
 */
interface TypedArrayHistogramFields {
  _counts: Uint8Array | Uint16Array | Uint32Array | Float64Array;
  _totalCount: number;
  countsArrayLength: number;
  maxValue: number;
  minNonZeroValue: number;
  unitMagnitude: number;
  subBucketHalfCountMagnitude: number;
  subBucketHalfCount: number;
}

function fieldsOf(histogram: Histogram): TypedArrayHistogramFields | undefined {
  const fields = histogram as unknown as TypedArrayHistogramFields;
  return fields._counts instanceof Uint32Array && fields.unitMagnitude === 0 && typeof fields._totalCount === 'number'
    ? fields
    : undefined;
}

/**
 * Records a trend value exactly as the engine's `recordTrendValue` does (microseconds, rounded; zero
 * for values ≤ 0), in a fraction of its time: `recordValue` takes a floating-point `log2` and `pow` per
 * value, and this takes `clz32` and a shift. Values the shortcut does not cover (≥ 2^31 µs, past the
 * counts array so that it must grow, other histogram kinds) go through `recordTrendValue` itself.
 */
export function fastRecordTrendValue(histogram: Histogram, value: number): void {
  const micros = value <= 0 ? 0 : Math.round(value * HDR_UNITS_PER_MS);
  const h = micros < 0x80000000 ? fieldsOf(histogram) : undefined;
  if (h) {
    // getBucketIndex: max(floor(log2(v)) - subBucketHalfCountMagnitude - unitMagnitude, 0), with unitMagnitude 0.
    const bucket = Math.max(31 - Math.clz32(micros) - h.subBucketHalfCountMagnitude, 0);
    // computeCountsArrayIndex((bucket + 1) << halfMagnitude, subBucketIndex - subBucketHalfCount).
    const index = ((bucket + 1) << h.subBucketHalfCountMagnitude) + (micros >>> bucket) - h.subBucketHalfCount;
    if (index < h.countsArrayLength) {
      h._counts[index]!++;
      h._totalCount++;
      // updateMinAndMax, with unitMagnitudeMask 0 and lowestDiscernibleValueRounded 1.
      if (micros > h.maxValue) h.maxValue = micros;
      if (micros !== 0 && micros < h.minNonZeroValue) h.minNonZeroValue = micros;
      return;
    }
  }
  recordTrendValue(histogram, value);
}
