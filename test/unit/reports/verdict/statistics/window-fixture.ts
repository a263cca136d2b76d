import { createHistogram, encodeHistogram, recordTrendValue } from '../../../../../engine/metrics/hdr.ts';
import { seededRandom } from '../../../../../lib/seeded-random.ts';
import { windowCountsOf, type WindowCounts } from '../../../../../reports/verdict/statistics/window-counts.ts';

/** Latencies in ms from a lognormal law (median `medianMs`, log-space sigma `sigma`), from a seeded source. */
export function lognormalSamples(random: () => number, count: number, medianMs = 50, sigma = 0.5): number[] {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    // Box–Muller; 1 - random() keeps the log away from 0.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    values.push(medianMs * Math.exp(sigma * normal));
  }
  return values;
}

/** `windows` encoded window histograms of `perWindow` lognormal latencies each, multiplied by `scale`. */
export function lognormalWindows(seed: number, windows = 40, perWindow = 500, scale = 1): WindowCounts[] {
  const random = seededRandom(seed);
  const result: WindowCounts[] = [];
  for (let w = 0; w < windows; w++) {
    const histogram = createHistogram();
    for (const value of lognormalSamples(random, perWindow)) recordTrendValue(histogram, value * scale);
    result.push(windowCountsOf(encodeHistogram(histogram)));
  }
  return result;
}

/** Windows holding exactly these latencies (ms), one window per set. */
export function windowsOf(sets: readonly (readonly number[])[]): WindowCounts[] {
  return sets.map((set) => {
    const histogram = createHistogram();
    for (const value of set) recordTrendValue(histogram, value);
    return windowCountsOf(encodeHistogram(histogram));
  });
}
