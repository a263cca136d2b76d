import { createHistogram, decodeHistogram, percentileOf, type Histogram } from '../../engine/metrics/hdr.ts';
import type { SeriesDelta } from '../../engine/metrics/series-delta.ts';
import { fastEncodeHistogram } from '../../engine/metrics/fast-encode-histogram.ts';
import { addHistogram } from './add-histogram.ts';
import { addSparse, sparseOfRecord, type SparseHistogram } from './sparse-histogram.ts';

/**
 * The timeline's encoding (compressed base64) at the fastest deflate level: buckets are sealed by the
 * thousand in a long run, and any level decodes the same. The string is `encodeIntoCompressedBase64(
 * histogram, 1)`'s, byte for byte, without the library's per-byte writes.
 */
function encodeFast(histogram: Histogram): string {
  return fastEncodeHistogram(histogram, 1);
}

/**
 * A trend's merged HDR histogram over one window, with count, min and max. A live histogram takes tens
 * of KB, so windows that are done are sealed: kept encoded (a few hundred bytes) until merged again.
 */
export class HdrBucket {
  count = 0;
  min = Infinity;
  max = -Infinity;
  private live: Histogram | undefined;
  private encoded: string | undefined;

  /** Adds one timeline record of the trend; `decoded` is its histogram, decoded once by the caller. */
  add(record: SeriesDelta, decoded: SparseHistogram | undefined): void {
    if (record.count === 0) return;
    this.count += record.count;
    if (record.min < this.min) this.min = record.min;
    if (record.max > this.max) this.max = record.max;
    const sparse = decoded ?? sparseOfRecord(record);
    if (sparse) addSparse(this.histogram(), sparse);
  }

  /** Adds everything another bucket holds. */
  merge(other: HdrBucket): void {
    if (other.count === 0) return;
    this.count += other.count;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    if (other.live) addHistogram(this.histogram(), other.live);
    else if (other.encoded) addHistogram(this.histogram(), decodeHistogram(other.encoded));
  }

  /** Keeps the histogram encoded only, to save memory; merging or reading decodes it again. */
  seal(): void {
    if (!this.live) return;
    this.encoded = encodeFast(this.live);
    this.live = undefined;
  }

  /** The histogram encoded as the timeline encodes it; undefined when empty. */
  encode(): string | undefined {
    if (this.count === 0) return undefined;
    return this.live ? encodeFast(this.live) : this.encoded;
  }

  /**
   * The values at percentiles `ps` (0–100) in ms, clamped to the exact min and max as Aggregate does;
   * undefined when empty. Decodes a sealed histogram once for all of them.
   */
  percentiles(ps: readonly number[]): number[] | undefined {
    if (this.count === 0 || (!this.live && !this.encoded)) return undefined;
    const histogram = this.live ?? decodeHistogram(this.encoded!);
    return ps.map((p) => Math.min(this.max, Math.max(this.min, percentileOf(histogram, p))));
  }

  private histogram(): Histogram {
    if (!this.live) {
      this.live = this.encoded ? decodeHistogram(this.encoded) : createHistogram();
      this.encoded = undefined;
    }
    return this.live;
  }
}
