import { build, decodeFromCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { fastEncodeHistogram } from './fast-encode-histogram.ts';

/** Trends are kept in microseconds with 3 significant digits, so merged windows give percentiles exact to 3 digits. */
export const HDR_UNITS_PER_MS = 1000;
const SIGNIFICANT_DIGITS = 3;

export type { Histogram };

export function createHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
  });
}

/** Records a trend value (ms for time trends, plain units otherwise) at microsecond resolution. */
export function recordTrendValue(histogram: Histogram, value: number): void {
  histogram.recordValue(value <= 0 ? 0 : Math.round(value * HDR_UNITS_PER_MS));
}

/** hdr-histogram-js's compressed base64 encoding, byte for byte, written without its per-byte JavaScript. */
export function encodeHistogram(histogram: Histogram): string {
  return fastEncodeHistogram(histogram);
}

/** Decoded histograms grow like recorded ones, so merging a wider one into them never fails. */
export function decodeHistogram(encoded: string): Histogram {
  const histogram = decodeFromCompressedBase64(encoded, 32);
  histogram.autoResize = true;
  return histogram;
}

/** The value at percentile p (0–100) in the trend's own unit. */
export function percentileOf(histogram: Histogram, p: number): number {
  return histogram.getValueAtPercentile(p) / HDR_UNITS_PER_MS;
}
