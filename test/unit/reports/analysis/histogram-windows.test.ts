import { describe, expect, it } from 'vitest';
import { decodeHistogram, percentileOf } from '../../../../engine/metrics/hdr.ts';
import { histogramWindowS, HistogramWindows } from '../../../../reports/analysis/histogram-windows.ts';
import { MAX_HISTOGRAM_WINDOWS } from '../../../../reports/analysis/run-analysis.ts';
import { exactPercentile, trendDelta } from './timeline-fixture.ts';

/** Deterministic latencies for one second: 20 values spread over 1–200 ms, shifted by the second. */
function valuesAt(second: number): number[] {
  return Array.from({ length: 20 }, (_, i) => 1 + ((i * 37 + second * 11) % 200));
}

describe('histogramWindowS', () => {
  it.each([
    { totalS: 0, windowS: 5 },
    { totalS: 300, windowS: 5 },
    { totalS: 3600, windowS: 5 },
    { totalS: 3601, windowS: 6 },
    { totalS: 4 * 3600, windowS: 20 },
  ])('is $windowS s for a run of $totalS s', ({ totalS, windowS }) => {
    expect(histogramWindowS(totalS)).toBe(windowS);
    expect(Math.ceil(totalS / windowS)).toBeLessThanOrEqual(MAX_HISTOGRAM_WINDOWS);
  });
});

describe('HistogramWindows', () => {
  it('merges each window of seconds into one histogram whose percentiles are those of the raw values', () => {
    const windows = new HistogramWindows(5);
    for (let second = 0; second < 12; second++) {
      const delta = trendDelta('http_req_duration', {}, valuesAt(second));
      windows.add(second, delta, undefined);
    }
    const { windowS, windows: list } = windows.result();
    expect(windowS).toBe(5);
    expect(list.map((window) => window.second)).toEqual([0, 5, 10]);
    list.forEach(({ second, hdr }) => {
      const raw = Array.from({ length: Math.min(5, 12 - second) }, (_, i) => valuesAt(second + i)).flat();
      const histogram = decodeHistogram(hdr);
      expect(histogram.totalCount).toBe(raw.length);
      for (const p of [50, 95, 99]) {
        const exact = exactPercentile(raw, p);
        // 3 significant digits: within 0.1%.
        expect(Math.abs(percentileOf(histogram, p) - exact)).toBeLessThanOrEqual(exact * 0.001);
      }
    });
  });

  it('leaves out windows without samples', () => {
    const windows = new HistogramWindows(5);
    windows.add(1, trendDelta('x', {}, [5]), undefined);
    windows.add(17, trendDelta('x', {}, [7]), undefined);
    expect(windows.result().windows.map((window) => window.second)).toEqual([0, 15]);
  });

  it('widens its windows when a run outlasts the planned width, keeping every sample', () => {
    const windows = new HistogramWindows(5);
    const seconds = MAX_HISTOGRAM_WINDOWS * 5 + 1;
    for (let second = 0; second < seconds; second += 5) windows.add(second, trendDelta('x', {}, [second % 100 + 1]), undefined);
    const { windowS, windows: list } = windows.result();
    expect(windowS).toBe(10);
    expect(list.length).toBeLessThanOrEqual(MAX_HISTOGRAM_WINDOWS);
    expect(list.reduce((total, { hdr }) => total + decodeHistogram(hdr).totalCount, 0)).toBe(MAX_HISTOGRAM_WINDOWS + 1);
  });
});
