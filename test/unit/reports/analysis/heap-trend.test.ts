import { describe, expect, it } from 'vitest';
import { HeapTrendFold } from '../../../../reports/analysis/heap-trend.ts';

const MIB = 2 ** 20;
const T0 = Date.parse('2026-11-29T00:00:00Z');

/** Heap samples every `everyS` seconds: `mib(i)` MiB at the i-th. */
function fold(count: number, everyS: number, mib: (i: number) => number): HeapTrendFold {
  const heap = new HeapTrendFold('http://shop/metrics');
  for (let i = 0; i < count; i++) heap.add(T0 + i * everyS * 1000, mib(i) * MIB);
  return heap;
}

describe('HeapTrendFold', () => {
  it.each([
    { name: 'steady growth above the threshold', mib: (i: number) => 100 + i, slope: 120, leak: true },
    { name: 'steady growth below the threshold', mib: (i: number) => 100 + i / 4, slope: 30, leak: false },
    { name: 'a flat heap', mib: () => 100, slope: 0, leak: false },
    { name: 'a shrinking heap', mib: (i: number) => 200 - i, slope: -120, leak: false },
  ])('reports $name in MiB per hour (samples every 30 s)', ({ mib, slope, leak }) => {
    const trend = fold(20, 30, mib).result(50)!;
    expect(trend.slopeMiBPerHour).toBeCloseTo(slope, 6);
    expect(trend).toMatchObject({ source: 'http://shop/metrics', samples: 20, spanS: 570, thresholdMiBPerHour: 50, suspectedLeak: leak });
  });

  it('does not flag a steep slope the line explains poorly (r² < 0.5)', () => {
    // A sawtooth: the heap collects back to 100 MiB every other sample while its peaks climb a little.
    const trend = fold(40, 30, (i) => (i % 2 === 0 ? 100 : 400 + i))!.result(50)!;
    expect(trend.slopeMiBPerHour).toBeGreaterThan(50);
    expect(trend.r2).toBeLessThan(0.5);
    expect(trend.suspectedLeak).toBe(false);
  });

  it('gives no trend with fewer than 3 samples', () => {
    expect(fold(2, 30, (i) => 100 + i).result(50)).toBeUndefined();
    expect(fold(3, 30, (i) => 100 + i).result(50)).toBeDefined();
  });
});
