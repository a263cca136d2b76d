import { inflateSync } from 'node:zlib';
import { Int32Histogram } from 'hdr-histogram-js';
import type { HistogramLayout } from './add-histogram.ts';

/**
 * The non-zero counts of an encoded histogram and the layout facts that adding them needs: what
 * `sparseHistogram(decodeHistogram(encoded))` gives, without the histogram.
 */
export interface EncodedCounts {
  readonly indices: number[];
  readonly counts: number[];
  readonly total: number;
  readonly subBucketCount: number;
  readonly unitMagnitude: number;
  readonly maxValue: number;
  readonly minNonZeroValue: number;
}

/** hdr-histogram-js's V2 cookies, with the word-size bits (0xf0) masked out as its decoder masks them. */
const V2_COOKIE_BASE = 0x1c849303;
const V2_COMPRESSED_COOKIE_BASE = 0x1c849304;
const COOKIE_MASK = -241;
const HEADER_BYTES = 40;
const TWO_POW_32 = 2 ** 32;

/** Where `decodeFromCompressedBase64` would get an error or an odd count, the caller takes the library's path. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The writable layout of a histogram the library builds for a header; its own methods do the arithmetic. */
type Template = HistogramLayout & {
  lowestDiscernibleValue: number;
  highestEquivalentValue(value: number): number;
  valueFromIndex(index: number): number;
};

/** One empty histogram per header seen (a run has a handful: the range grows in powers of two). */
const templates = new Map<string, Template>();
const MAX_TEMPLATES = 256;

function templateFor(lowest: number, highest: number, digits: number): Template {
  const key = `${lowest},${highest},${digits}`;
  let template = templates.get(key);
  if (!template) {
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    // What JsHistogram.decode builds for bitBucketSize 32; throws where it throws.
    template = new Int32Histogram(lowest, highest, digits) as unknown as Template;
    templates.set(key, template);
  }
  return template;
}

/**
 * Reads an `encodeHistogram` string (hdr-histogram-js's V2 compressed encoding: base64 of a cookie, a
 * length and the zlib-deflated payload; the payload a 40-byte header, then the counts as ZigZag LEB128
 * words, a negative word standing for that many zeros) straight into its non-zero counts, as
 * `decodeFromCompressedBase64(encoded, 32)` then {@link sparseHistogram} would see them: counts past
 * the header's counts array are dropped, max and min come from the highest and lowest non-zero index.
 * Undefined for anything else (other cookies, malformed base64, counts that a Uint32 slot would wrap,
 * inflate errors), so the caller can take the library's path and get its result or its error.
 */
export function sparseOfEncoded(encoded: string): EncodedCounts | undefined {
  const text = encoded.trim();
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const outer = Buffer.from(text, 'base64');
  if (outer.length < 8 || (outer.readInt32BE(0) & COOKIE_MASK) !== V2_COMPRESSED_COOKIE_BASE) return undefined;
  let payload: Buffer;
  try {
    payload = inflateSync(outer.subarray(8, 8 + outer.readUInt32BE(4)));
  } catch {
    return undefined;
  }
  if (payload.length < HEADER_BYTES || (payload.readInt32BE(0) & COOKIE_MASK) !== V2_COOKIE_BASE) return undefined;
  const payloadLength = payload.readUInt32BE(4);
  const digits = payload.readUInt32BE(12);
  const lowest = payload.readUInt32BE(16) * TWO_POW_32 + payload.readUInt32BE(20);
  const highest = payload.readUInt32BE(24) * TWO_POW_32 + payload.readUInt32BE(28);
  let template: Template;
  try {
    template = templateFor(lowest, highest, digits);
  } catch {
    return undefined;
  }
  const length = template.countsArrayLength;
  const indices: number[] = [];
  const counts: number[] = [];
  const end = HEADER_BYTES + payloadLength;
  let at = HEADER_BYTES;
  let index = 0;
  // ZigZagEncoding.decode, byte for byte; the library reads past the payload's end as zeros.
  while (at < end) {
    let byte = at < payload.length ? payload[at]! : 0;
    at++;
    let word = byte & 0x7f;
    for (let shift = 1; shift <= 8 && byte & 0x80; shift++) {
      byte = at < payload.length ? payload[at]! : 0;
      at++;
      word += (byte & 0x7f) * 2 ** (7 * shift);
    }
    const value = word % 2 === 0 ? word / 2 : -(word + 1) / 2;
    if (value < 0) {
      index -= value;
      continue;
    }
    if (value >= TWO_POW_32) return undefined;
    // A Uint32Array ignores writes past its length.
    if (value > 0 && index < length) {
      indices.push(index);
      counts.push(value);
    }
    index++;
  }
  return countsOf(template, indices, counts);
}

/** establishInternalTackingValues then sparseHistogram's walk, on the non-zero counts. */
function countsOf(template: Template, indices: number[], counts: number[]): EncodedCounts {
  const { subBucketCount, unitMagnitude } = template;
  template.maxValue = 0;
  template.minNonZeroValue = Number.MAX_VALUE;
  if (indices.length === 0) return { indices, counts, total: 0, subBucketCount, unitMagnitude, maxValue: 0, minNonZeroValue: Number.MAX_VALUE };
  template.updatedMaxValue(template.highestEquivalentValue(template.valueFromIndex(indices[indices.length - 1]!)));
  const minNonZeroIndex = indices[0] !== 0 ? indices[0] : indices[1];
  if (minNonZeroIndex !== undefined) template.updateMinNonZeroValue(template.valueFromIndex(minNonZeroIndex));
  const { maxValue, minNonZeroValue } = template;
  const last = Math.min(template.countsArrayLength - 1, template.countsArrayIndex(maxValue));
  let kept = indices.length;
  while (kept > 0 && indices[kept - 1]! > last) kept--;
  indices.length = kept;
  counts.length = kept;
  let total = 0;
  for (let k = 0; k < kept; k++) total += counts[k]!;
  return { indices, counts, total, subBucketCount, unitMagnitude, maxValue, minNonZeroValue };
}
