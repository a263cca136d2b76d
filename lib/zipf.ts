/** How to draw ids. */
export interface ZipfOptions {
  /** Ids are drawn from 1..n. */
  n: number;
  /** Exponent s: id k has probability ∝ 1/k^s; 0 is uniform, larger is more skewed toward low ids. */
  exponent: number;
  /**
   * Uniform source in [0, 1).
   * @default Math.random
   */
  random?: () => number;
}

/**
 * The cumulative distribution of Zipf(n, s) over ids 1..n: entry k-1 is P(id ≤ k). The last entry is
 * exactly 1 so a draw can never fall past the end through rounding.
 */
export function zipfCdf(n: number, exponent: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`invalid n; expected a whole number of ids, at least 1, got ${String(n)}`);
  }
  if (!Number.isFinite(exponent) || exponent < 0) {
    throw new Error(`invalid exponent; expected a Zipf exponent of 0 or more, got ${String(exponent)}`);
  }
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) {
    sum += 1 / k ** exponent;
    cdf[k - 1] = sum;
  }
  for (let i = 0; i < n; i++) cdf[i] = cdf[i]! / sum;
  cdf[n - 1] = 1;
  return cdf;
}

/**
 * A Zipf-like id sampler over 1..n. The CDF is computed once (call this in init code: 8 bytes per id, per
 * VU) and each draw is a binary search, O(log n) with no allocation, so sampling stays off the hot path.
 */
export function createZipfSampler({ n, exponent, random = Math.random }: ZipfOptions): () => number {
  const cdf = zipfCdf(n, exponent);
  return () => {
    const u = random();
    // Smallest index whose cumulative probability exceeds u.
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cdf[middle]! > u) high = middle;
      else low = middle + 1;
    }
    return low + 1;
  };
}
