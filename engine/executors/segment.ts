/**
 * This instance's part of every scenario: segment `index` of `count` equal parts, `index/count:(index+1)/count`
 * in k6's execution-segment notation. Each worker thread runs one.
 */
export interface Segment {
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Segment = { index: 0, count: 1 };

/** This segment's share of an integer total; the shares of all segments add up to exactly the total. */
export function shareOf(total: number, segment: Segment): number {
  return Math.floor((total * (segment.index + 1)) / segment.count) - Math.floor((total * segment.index) / segment.count);
}

/** How many of the total come before this segment: the offset of its first VU id. */
export function offsetOf(total: number, segment: Segment): number {
  return Math.floor((total * segment.index) / segment.count);
}

/** Iterations of an arrival-rate schedule are striped: global iteration i belongs to segment i mod count. */
export function ownsIteration(iteration: number, segment: Segment): boolean {
  return iteration % segment.count === segment.index;
}

/** Formats a segment in k6 notation, e.g. "1/2:1". */
export function formatSegment(segment: Segment): string {
  const from = segment.index === 0 ? '0' : `${segment.index}/${segment.count}`;
  const to = segment.index + 1 === segment.count ? '1' : `${segment.index + 1}/${segment.count}`;
  return `${from}:${to}`;
}
