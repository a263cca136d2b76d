import { seededRandom } from '../../../lib/seeded-random.ts';
import { countsPercentile, type CountsLayout } from './counts-percentile.ts';
import type { WindowCounts } from './window-counts.ts';

/** What {@link blockBootstrapRatio} compares. */
export interface BlockBootstrapInput {
  /** The candidate run's windows of the budget metric ({@link windowCountsOf} reads an encoded window). */
  readonly candidate: readonly WindowCounts[];
  /** The baseline's windows of the same metric. */
  readonly baseline: readonly WindowCounts[];
  /** The percentile compared, 0–100 (e.g. 95). */
  readonly percentile: number;
  /**
   * Bootstrap resamples.
   * @default 1000
   */
  readonly resamples?: number;
  /**
   * Uniform [0, 1) source for the draws; pass one to vary or pin the draws.
   * @default seededRandom(DEFAULT_BOOTSTRAP_SEED), so the same input always gives the same interval
   */
  readonly random?: () => number;
  /**
   * Coverage of the percentile interval, in (0, 1).
   * @default 0.95
   */
  readonly confidence?: number;
}

/** Candidate percentile over baseline percentile, with its bootstrap interval. */
export interface BootstrapRatio {
  /** The ratio on all windows of both sides. */
  readonly ratio: number;
  /** The candidate's percentile on all its windows, in ms. */
  readonly candidateValue: number;
  /** The baseline's percentile on all its windows, in ms. */
  readonly baselineValue: number;
  /** Lower bound of the percentile interval at the asked confidence. */
  readonly low: number;
  /** Upper bound of the percentile interval. */
  readonly high: number;
  readonly resamples: number;
  /** Samples in all candidate windows together. */
  readonly candidateSamples: number;
  /** Samples in all baseline windows together. */
  readonly baselineSamples: number;
}

/** Seed of the default random source (mulberry32, shop/seeded-random.ts). */
export const DEFAULT_BOOTSTRAP_SEED = 0x5eed;

/**
 * A block bootstrap of the ratio of a latency percentile between a candidate run and a baseline. Each
 * window histogram is a block: a resample draws as many windows as the side has, with replacement,
 * merges their counts and takes the percentile, so correlation between samples of the same window
 * (a slow GC pause, a cold cache) stays inside the block instead of being treated as independent
 * samples. The statistic is candidate percentile ÷ baseline percentile; the interval is the
 * percentile interval of the resampled ratios (linear interpolation between order statistics).
 * Percentiles follow hdr-histogram-js's `getValueAtPercentile` ({@link countsPercentile}).
 *
 * Cost: merges add sparse counts into one dense array per side, never building histogram objects.
 *
 * @throws Error when a side has no window or no sample, the percentile or confidence is out of range,
 *   the windows' layouts differ, or the baseline's percentile is 0 (no ratio exists)
 */
export function blockBootstrapRatio(input: BlockBootstrapInput): BootstrapRatio {
  const { percentile } = input;
  const resamples = input.resamples ?? 1000;
  const confidence = input.confidence ?? 0.95;
  const random = input.random ?? seededRandom(DEFAULT_BOOTSTRAP_SEED);
  if (!(percentile > 0 && percentile <= 100)) throw new Error(`blockBootstrapRatio: expected a percentile in (0, 100], got ${percentile}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`blockBootstrapRatio: expected a confidence in (0, 1), got ${confidence}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`blockBootstrapRatio: expected resamples to be a positive integer, got ${resamples}`);
  const candidate = sideOf('candidate', input.candidate);
  const baseline = sideOf('baseline', input.baseline);
  if (candidate.layout.subBucketCount !== baseline.layout.subBucketCount || candidate.layout.unitMagnitude !== baseline.layout.unitMagnitude) {
    throw new Error('blockBootstrapRatio: expected candidate and baseline windows with the same histogram layout');
  }
  const ratioOf = (top: number, bottom: number, what: string) => {
    if (bottom <= 0) throw new Error(`blockBootstrapRatio: expected a positive baseline p${percentile}${what}, got ${bottom}`);
    return top / bottom;
  };
  const candidateValue = candidate.percentileAll(percentile);
  const baselineValue = baseline.percentileAll(percentile);
  const ratio = ratioOf(candidateValue, baselineValue, '');
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const top = candidate.percentileOfResample(percentile, random);
    ratios[r] = ratioOf(top, baseline.percentileOfResample(percentile, random), ' in a resample');
  }
  ratios.sort();
  const tail = (1 - confidence) / 2;
  return {
    ratio,
    candidateValue,
    baselineValue,
    low: quantileOfSorted(ratios, tail),
    high: quantileOfSorted(ratios, 1 - tail),
    resamples,
    candidateSamples: candidate.samples,
    baselineSamples: baseline.samples,
  };
}

/** One side's windows, with a reusable dense array for resample merges. */
function sideOf(name: string, windows: readonly WindowCounts[]) {
  if (windows.length === 0) throw new Error(`blockBootstrapRatio: expected at least one ${name} window histogram, got none`);
  const layout: CountsLayout = windows[0]!;
  let samples = 0;
  let length = 0;
  for (const window of windows) {
    if (window.subBucketCount !== layout.subBucketCount || window.unitMagnitude !== layout.unitMagnitude) {
      throw new Error(`blockBootstrapRatio: expected every ${name} window to have the same histogram layout`);
    }
    samples += window.total;
    const last = window.indices[window.indices.length - 1];
    if (last !== undefined && last + 1 > length) length = last + 1;
  }
  if (samples === 0) throw new Error(`blockBootstrapRatio: expected ${name} windows holding samples, got ${windows.length} empty windows`);
  const dense = new Float64Array(length);
  const merge = (pick: () => WindowCounts): number => {
    dense.fill(0);
    let total = 0;
    for (let w = 0; w < windows.length; w++) {
      const { indices, counts } = pick();
      for (let k = 0; k < indices.length; k++) {
        dense[indices[k]!]! += counts[k]!;
        total += counts[k]!;
      }
    }
    return total;
  };
  return {
    layout,
    samples,
    percentileAll(p: number): number {
      let w = 0;
      const total = merge(() => windows[w++]!);
      return countsPercentile(dense, total, layout, p);
    },
    percentileOfResample(p: number, random: () => number): number {
      const total = merge(() => windows[Math.floor(random() * windows.length)]!);
      return countsPercentile(dense, total, layout, p);
    },
  };
}

/** The q-quantile (0–1) of ascending values, interpolating linearly between neighbouring order statistics. */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}
