import { deflateSync } from 'node:zlib';
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** The fields of hdr-histogram-js's typed-array histograms that its V2 encoding reads (public in its typings). */
interface EncodedFields {
  _counts: Uint32Array;
  maxValue: number;
  unitMagnitude: number;
  subBucketHalfCountMagnitude: number;
  subBucketHalfCount: number;
  countsArrayLength: number;
  numberOfSignificantValueDigits: number;
  lowestDiscernibleValue: number;
  highestTrackableValue: number;
}

const V2_ENCODING_COOKIE = 0x1c849303 | 0x10;
const V2_COMPRESSED_ENCODING_COOKIE = 0x1c849304 | 0x10;
const HEADER_BYTES = 40;

/** The uncompressed payload, reused: it only grows to the largest histogram seen. */
let scratch = new Uint8Array(1 << 16);

function putInt32(at: number, value: number): void {
  scratch[at] = value >>> 24;
  scratch[at + 1] = value >>> 16;
  scratch[at + 2] = value >>> 8;
  scratch[at + 3] = value;
}

/** ByteBuffer.putInt64: the high word as Math.floor(value / 2^32), then the value's low 32 bits. */
function putInt64(at: number, value: number): void {
  putInt32(at, Math.floor(value / 2 ** 32));
  putInt32(at + 4, value);
}

/** ZigZagEncoding.encode: LEB128 of 2v (v ≥ 0) or -2v - 1 (v < 0), at most 9 bytes. */
function putZigZag(at: number, value: number): number {
  let rest = value >= 0 ? value * 2 : -value * 2 - 1;
  for (let i = 0; i < 8 && rest >= 0x80; i++) {
    scratch[at++] = (rest % 0x80) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  scratch[at++] = rest;
  return at;
}

/** countsArrayIndex for unitMagnitude 0 and values below 2^31, as fast-record-trend-value computes it. */
function indexOf(h: EncodedFields, value: number): number {
  const bucket = Math.max(31 - Math.clz32(value) - h.subBucketHalfCountMagnitude, 0);
  return ((bucket + 1) << h.subBucketHalfCountMagnitude) + (value >>> bucket) - h.subBucketHalfCount;
}

function fieldsOf(histogram: Histogram): EncodedFields | undefined {
  const h = histogram as unknown as EncodedFields;
  return h._counts instanceof Uint32Array && h.unitMagnitude === 0 && h.maxValue < 0x80000000 ? h : undefined;
}

/**
 * The string hdr-histogram-js's `encodeIntoCompressedBase64` gives (its V2 compressed encoding: the
 * counts as ZigZag LEB128 words with runs of zeros folded, deflated by zlib with default options,
 * behind two big-endian words, in base64), byte for byte, without the package's per-byte ByteBuffer
 * writes and base64 in JavaScript. Other histogram kinds go through the library itself.
 * With `level`, the string `encodeIntoCompressedBase64(histogram, level)` gives: deflated at that level.
 */
export function fastEncodeHistogram(histogram: Histogram, level?: number): string {
  const h = fieldsOf(histogram);
  if (!h) return encodeIntoCompressedBase64(histogram, level);
  const counts = h._counts;
  const limit = indexOf(h, h.maxValue) + 1;
  // Worst case: every count a 9-byte word.
  if (scratch.length < HEADER_BYTES + limit * 9) scratch = new Uint8Array(HEADER_BYTES + limit * 9);
  putInt32(0, V2_ENCODING_COOKIE);
  putInt32(8, 1);
  putInt32(12, h.numberOfSignificantValueDigits);
  putInt64(16, h.lowestDiscernibleValue);
  putInt64(24, h.highestTrackableValue);
  putInt64(32, 1);
  let at = HEADER_BYTES;
  let index = 0;
  while (index < limit) {
    const count = counts[index++]!;
    if (count !== 0) {
      at = at < scratch.length && count < 64 ? ((scratch[at] = count * 2), at + 1) : putZigZag(at, count);
      continue;
    }
    let zeros = 1;
    while (index < limit && counts[index] === 0) {
      zeros++;
      index++;
    }
    at = putZigZag(at, zeros > 1 ? -zeros : 0);
  }
  putInt32(4, at - HEADER_BYTES);
  // The library passes { level } only for a level that is truthy.
  const compressed = deflateSync(scratch.subarray(0, at), level ? { level } : {});
  // ByteBuffer.allocate(16) grows to exactly fit the deflated bytes, never below its first 16.
  const out = Buffer.alloc(Math.max(16, 8 + compressed.length));
  out.writeInt32BE(V2_COMPRESSED_ENCODING_COOKIE | 0, 0);
  out.writeInt32BE(compressed.length, 4);
  compressed.copy(out, 8);
  return out.toString('base64');
}
