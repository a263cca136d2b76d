import { seededRandom } from '../../../lib/seeded-random.ts';

/** Options of {@link detectChangePoint}. */
export interface ChangePointOptions {
  /** Significance level of the permutation test. @default 0.05 */
  alpha?: number;
  /** Random permutations the observed statistic is compared with. @default 199 */
  permutations?: number;
  /** Fewest points on either side of a change point. @default 5 */
  minSegment?: number;
  /** Source of randomness for the permutations, in [0, 1). @default seededRandom(1), so results repeat */
  random?: () => number;
}

/** The most likely change in a series and whether it is significant. */
export interface ChangePoint {
  /** The first index after the change. */
  index: number;
  /** Permutation p-value: (1 + permutations scoring at least the observed) / (1 + permutations). */
  pValue: number;
  meanBefore: number;
  meanAfter: number;
  significant: boolean;
}

interface Split {
  index: number;
  statistic: number;
}

/**
 * Best single split of the series under the E-divisive energy statistic (exponent 1):
 * Q(τ) = n₁n₂/(n₁+n₂) · (2·mean|xᵢ−yⱼ| − mean|xᵢ−xₖ| − mean|yⱼ−yₖ|), over splits leaving ≥ minSegment
 * points each side. Sums are updated as τ moves, so a whole scan is O(n²).
 */
function bestSplit(values: readonly number[], minSegment: number): Split {
  const n = values.length;
  const distance = (i: number, j: number) => Math.abs(values[i]! - values[j]!);
  // Row sums: how far point k is from the points before it and from the points after it.
  const toEarlier = values.map((_, k) => values.slice(0, k).reduce((sum, _v, i) => sum + distance(i, k), 0));
  const toLater = values.map((_, k) => values.slice(k + 1).reduce((sum, _v, i) => sum + distance(k, k + 1 + i), 0));
  // τ = 0: nothing on the left, everything on the right.
  let within = [0, toLater.reduce((sum, value) => sum + value, 0)];
  let between = 0;
  let best: Split = { index: -1, statistic: -Infinity };
  for (let tau = 1; tau < n; tau++) {
    const moved = tau - 1;
    // Moving point `moved` from the right segment to the left one.
    between += toLater[moved]! - toEarlier[moved]!;
    within = [within[0]! + toEarlier[moved]!, within[1]! - toLater[moved]!];
    const left = tau;
    const right = n - tau;
    if (left < minSegment || right < minSegment) continue;
    const statistic =
      ((left * right) / n) * ((2 * between) / (left * right) - within[0]! / ((left * (left - 1)) / 2) - within[1]! / ((right * (right - 1)) / 2));
    if (statistic > best.statistic) best = { index: tau, statistic };
  }
  return best;
}

function shuffled(values: readonly number[], random: () => number): number[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Finds the one most likely change in a p95-per-build series with E-divisive with means (Matteson & James
 * 2014, "A nonparametric approach for multiple change point analysis of multivariate data"): the split
 * that maximises the energy statistic, tested by recomputing the best split's statistic over random
 * permutations of the series. Energy distances make no normality assumption, and a permutation test needs
 * no asymptotics, which suits a few dozen builds. A slow creep shows as a significant split near its middle.
 *
 * Only the single strongest change is searched (no recursive bisection into several): the history warns
 * that something changed, and where.
 *
 * @returns undefined when the series has fewer than 2 × minSegment points.
 */
export function detectChangePoint(series: readonly number[], options: ChangePointOptions = {}): ChangePoint | undefined {
  const { alpha = 0.05, permutations = 199, minSegment = 5, random = seededRandom(1) } = options;
  const size = Math.max(2, minSegment);
  if (series.length < 2 * size) return undefined;
  const observed = bestSplit(series, size);
  let atLeast = 0;
  for (let i = 0; i < permutations; i++) {
    if (bestSplit(shuffled(series, random), size).statistic >= observed.statistic) atLeast += 1;
  }
  const pValue = (1 + atLeast) / (1 + permutations);
  return {
    index: observed.index,
    pValue,
    meanBefore: mean(series.slice(0, observed.index)),
    meanAfter: mean(series.slice(observed.index)),
    significant: pValue <= alpha,
  };
}
