import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/config.ts';
import { createZipfSampler, zipfCdf } from '../../../lib/zipf.ts';
import { seededRandom } from '../../../lib/seeded-random.ts';

function histogram(draw: () => number, n: number, draws: number): number[] {
  const counts = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < draws; i++) counts[draw()]!++;
  return counts;
}

describe('zipfCdf', () => {
  it('rises monotonically and ends at exactly 1', () => {
    const cdf = zipfCdf(1000, 1.15);
    for (let i = 1; i < cdf.length; i++) expect(cdf[i]!).toBeGreaterThan(cdf[i - 1]!);
    expect(cdf[cdf.length - 1]).toBe(1);
  });

  it.each([
    ['n', 0, 1, /^invalid n; expected a whole number of ids, at least 1, got 0$/],
    ['n', 2.5, 1, /^invalid n;.*got 2\.5$/],
    ['exponent', 10, -1, /^invalid exponent; expected a Zipf exponent of 0 or more, got -1$/],
    ['exponent', 10, Number.NaN, /^invalid exponent;.*got NaN$/],
  ])('refuses an invalid %s', (_what, n, exponent, message) => {
    expect(() => zipfCdf(n, exponent)).toThrow(message);
  });
});

describe('createZipfSampler', () => {
  it('draws only whole ids from 1 to n', () => {
    const draw = createZipfSampler({ n: 100, exponent: 1.15, random: seededRandom(1) });
    const outOfRange: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      const id = draw();
      seen.add(id);
      if (!Number.isInteger(id) || id < 1 || id > 100) outOfRange.push(id);
    }
    expect(outOfRange).toEqual([]);
    // Even the rarest id (p ≈ 0.2%) turns up in 50000 draws.
    expect(seen.size).toBe(100);
  });

  it.each([
    [0, 1],
    [0.999_999_999_999, 10_000],
  ])('maps the uniform draw %s to id %s', (u, id) => {
    expect(createZipfSampler({ n: 10_000, exponent: 1.15, random: () => u })()).toBe(id);
  });

  it('is skewed toward low ids, each id about 2^s times as likely as its double', () => {
    const counts = histogram(createZipfSampler({ n: 1000, exponent: 1, random: seededRandom(2) }), 1000, 200_000);
    expect(counts[1]!).toBeGreaterThan(counts[2]!);
    expect(counts[2]!).toBeGreaterThan(counts[10]!);
    expect(counts[10]!).toBeGreaterThan(counts[100]!);
    expect(counts[1]! / counts[2]!).toBeCloseTo(2, 0);
    // P(id = 1) = 1 / H(1000) ≈ 0.1336 for s = 1.
    expect(counts[1]! / 200_000).toBeCloseTo(0.1336, 2);
  });

  it('is uniform for exponent 0', () => {
    const counts = histogram(createZipfSampler({ n: 10, exponent: 0, random: seededRandom(3) }), 10, 100_000);
    for (let id = 1; id <= 10; id++) expect(counts[id]! / 100_000).toBeCloseTo(0.1, 1);
  });

  it('gives the default config’s catalog an 85–90% hit ratio in a 2000-entry LRU cache, as documented', () => {
    const { catalogSize, zipfExponent } = DEFAULT_CONFIG.scenarios['product-get'];
    const draw = createZipfSampler({ n: catalogSize, exponent: zipfExponent, random: seededRandom(4) });
    const cache = new Map<number, true>();
    let hits = 0;
    const warmUp = 50_000;
    const measured = 200_000;
    for (let i = 0; i < warmUp + measured; i++) {
      const id = draw();
      const hit = cache.delete(id);
      cache.set(id, true);
      if (!hit && cache.size > 2_000) cache.delete(cache.keys().next().value!);
      if (hit && i >= warmUp) hits++;
    }
    const ratio = hits / measured;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(0.9);
  });
});
