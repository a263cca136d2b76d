import { describe, expect, it } from 'vitest';
import { createHistogram, percentileOf, recordTrendValue } from '../../../../../engine/metrics/hdr.ts';
import { seededRandom } from '../../../../../lib/seeded-random.ts';
import { blockBootstrapRatio } from '../../../../../reports/verdict/statistics/block-bootstrap-ratio.ts';
import { classifyRatio } from '../../../../../reports/verdict/statistics/classify-ratio.ts';
import type { WindowCounts } from '../../../../../reports/verdict/statistics/window-counts.ts';
import { lognormalSamples, lognormalWindows, windowsOf } from './window-fixture.ts';

const BASELINE_SEED = 101;

describe('blockBootstrapRatio', () => {
  it('finds no change between two samples of the same latency law (A/A): the interval includes 1 and the verdict passes', () => {
    const result = blockBootstrapRatio({ candidate: lognormalWindows(202), baseline: lognormalWindows(BASELINE_SEED), percentile: 95 });
    expect(result.low).toBeLessThanOrEqual(1);
    expect(result.high).toBeGreaterThanOrEqual(1);
    expect(result.low).toBeGreaterThan(0.85);
    expect(result.high).toBeLessThan(1.15);
    expect(classifyRatio(result)).toBe('pass');
    expect(result).toMatchObject({ resamples: 1000, candidateSamples: 20_000, baselineSamples: 20_000 });
  });

  it.each([95, 99])('blocks a candidate 30 percent slower at p%s: the interval lies above 1.05', (percentile) => {
    const result = blockBootstrapRatio({ candidate: lognormalWindows(202, 40, 500, 1.3), baseline: lognormalWindows(BASELINE_SEED), percentile });
    expect(result.ratio).toBeGreaterThan(1.2);
    expect(result.low).toBeGreaterThan(1.05);
    expect(result.low).toBeLessThanOrEqual(result.ratio);
    expect(result.high).toBeGreaterThanOrEqual(result.ratio);
    expect(classifyRatio(result)).toBe('block');
  });

  it.each([202, 303, 404])('never blocks a candidate 10 percent slower (candidate seed %s)', (seed) => {
    const result = blockBootstrapRatio({ candidate: lognormalWindows(seed, 40, 500, 1.1), baseline: lognormalWindows(BASELINE_SEED), percentile: 95 });
    expect(result.ratio).toBeGreaterThan(1.02);
    expect(result.ratio).toBeLessThan(1.2);
    expect(['pass', 'warn']).toContain(classifyRatio(result));
  });

  it('gives the same interval for the same input and seed, and another for another seed', () => {
    const candidate = lognormalWindows(202, 20, 300, 1.1);
    const baseline = lognormalWindows(BASELINE_SEED, 20, 300);
    const run = (seed: number) => blockBootstrapRatio({ candidate, baseline, percentile: 95, resamples: 200, random: seededRandom(seed) });
    expect(run(7)).toEqual(run(7));
    expect(blockBootstrapRatio({ candidate, baseline, percentile: 95, resamples: 200 })).toEqual(
      blockBootstrapRatio({ candidate, baseline, percentile: 95, resamples: 200 }),
    );
    expect(run(8).low).not.toBe(run(7).low);
  });

  it('takes the ratio on all windows merged, as the library computes each percentile', () => {
    const random = seededRandom(9);
    const values = [lognormalSamples(random, 700), lognormalSamples(random, 900)];
    const baselineValues = [lognormalSamples(random, 800)];
    const whole = (sets: number[][]) => {
      const histogram = createHistogram();
      for (const set of sets) for (const value of set) recordTrendValue(histogram, value);
      return histogram;
    };
    const candidate = windowsOf(values);
    const baseline = windowsOf(baselineValues);
    for (const p of [50, 95, 99, 99.9, 100]) {
      const result = blockBootstrapRatio({ candidate, baseline, percentile: p, resamples: 1 });
      expect(result.ratio).toBe(percentileOf(whole(values), p) / percentileOf(whole(baselineValues), p));
    }
  });

  it('narrows the interval with the confidence asked', () => {
    const input = { candidate: lognormalWindows(202, 20, 300), baseline: lognormalWindows(BASELINE_SEED, 20, 300), percentile: 95, resamples: 400 };
    const wide = blockBootstrapRatio({ ...input, confidence: 0.99 });
    const narrow = blockBootstrapRatio({ ...input, confidence: 0.5 });
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  const one = lognormalWindows(1, 2, 50);
  const empty: WindowCounts = { indices: [], counts: [], total: 0, subBucketCount: 2048, unitMagnitude: 0 };
  it.each([
    ['no candidate window', { candidate: [], baseline: one }, /at least one candidate window histogram/],
    ['no baseline window', { candidate: one, baseline: [] }, /at least one baseline window histogram/],
    ['only empty baseline windows', { candidate: one, baseline: [empty, empty] }, /baseline windows holding samples, got 2 empty windows/],
    ['a percentile of 0', { candidate: one, baseline: one, percentile: 0 }, /percentile in \(0, 100\]/],
    ['a confidence of 1', { candidate: one, baseline: one, confidence: 1 }, /confidence in \(0, 1\)/],
    ['zero resamples', { candidate: one, baseline: one, resamples: 0 }, /resamples to be a positive integer/],
    ['windows of another layout', { candidate: one, baseline: [{ ...one[0]!, unitMagnitude: 3 }] }, /same histogram layout/],
  ])('throws an error naming what it expected on %s', (_name, input, message) => {
    expect(() => blockBootstrapRatio({ percentile: 95, ...input })).toThrow(message);
  });

  it('refuses a baseline whose percentile is 0, where no ratio exists', () => {
    expect(() => blockBootstrapRatio({ candidate: one, baseline: windowsOf([[0, 0, 0]]), percentile: 50 })).toThrow(/positive baseline p50, got 0/);
  });
});
