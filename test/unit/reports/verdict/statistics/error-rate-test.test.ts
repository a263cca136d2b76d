import { describe, expect, it } from 'vitest';
import { errorRateTest } from '../../../../../reports/verdict/statistics/error-rate-test.ts';

describe('errorRateTest', () => {
  // Fisher, one-sided: p = Σ_{k ≥ a} C(K, k)·C(N − K, n₁ − k) / C(N, n₁), K = a + c, N = n₁ + n₂.
  // 3/10 vs 0/10: C(3,3)·C(17,7)/C(20,10) = 19448/184756 = 2/19.
  // 5/10 vs 1/10: (6·C(14,5) + C(14,4))/C(20,10) = 13013/184756.
  // 8/2000 vs 1/2000, 1/10 vs 3/10 and 4/300 vs 0/300: the same sum with Python's math.comb.
  it.each([
    [3, 10, 0, 10, 2 / 19],
    [5, 10, 1, 10, 13013 / 184756],
    [8, 2000, 1, 2000, 0.01942584733076968],
    [1, 10, 3, 10, 0.9566563467492261],
    [4, 300, 0, 300, 0.06187448091878424],
  ])('gives the exact Fisher p-value for %s/%s errors against %s/%s', (candidateErrors, candidateTotal, baselineErrors, baselineTotal, expected) => {
    const result = errorRateTest({ candidateErrors, candidateTotal, baselineErrors, baselineTotal });
    expect(result.method).toBe('fisher');
    expect(result.pValue).toBeCloseTo(expected, 12);
    expect(result.candidateRate).toBe(candidateErrors / candidateTotal);
    expect(result.baselineRate).toBe(baselineErrors / baselineTotal);
  });

  // Score test with continuity correction: p̄ = (a + c)/(n₁ + n₂), s = 1/n₁ + 1/n₂,
  // z = (a/n₁ − c/n₂ − s/2)/√(p̄(1 − p̄)s), p = ½·erfc(z/√2), computed with Python's math.erfc.
  // 150/10000 vs 100/10000: z = 3.11858, p = 0.000908610.
  it.each([
    [150, 10_000, 100, 10_000, 0.0009086099620780137, true],
    [120, 10_000, 100, 10_000, 0.09885839875215773, false],
    [60, 1000, 40, 1200, 0.0019437359720919226, true],
    [100, 10_000, 150, 10_000, 0.9994145461694453, false],
  ])('gives the continuity-corrected z p-value for %s/%s errors against %s/%s', (candidateErrors, candidateTotal, baselineErrors, baselineTotal, expected, significant) => {
    const result = errorRateTest({ candidateErrors, candidateTotal, baselineErrors, baselineTotal });
    expect(result.method).toBe('z');
    expect(Math.abs(result.pValue - expected) / expected).toBeLessThan(1e-6);
    expect(result.significant).toBe(significant);
  });

  it.each([
    ['3/10 vs 0/10 at the default alpha', 0.05, false],
    ['8/2000 vs 1/2000 at the default alpha', 0.05, true],
    ['8/2000 vs 1/2000 at alpha 0.01', 0.01, false],
  ])('decides significance against alpha: %s', (name, alpha, significant) => {
    const [a, n1, c, n2] = name.match(/\d+/g)!.map(Number) as [number, number, number, number];
    expect(errorRateTest({ candidateErrors: a, candidateTotal: n1, baselineErrors: c, baselineTotal: n2 }, alpha).significant).toBe(significant);
  });

  it('gives p = 1 when neither side has an error', () => {
    expect(errorRateTest({ candidateErrors: 0, candidateTotal: 500, baselineErrors: 0, baselineTotal: 800 })).toMatchObject({ pValue: 1, significant: false });
  });

  it.each([
    [{ candidateErrors: 1, candidateTotal: 0, baselineErrors: 0, baselineTotal: 5 }, /candidateTotal to be a positive integer, got 0/],
    [{ candidateErrors: 6, candidateTotal: 5, baselineErrors: 0, baselineTotal: 5 }, /candidateErrors to be an integer in \[0, 5\], got 6/],
    [{ candidateErrors: 0, candidateTotal: 5, baselineErrors: -1, baselineTotal: 5 }, /baselineErrors to be an integer in \[0, 5\], got -1/],
    [{ candidateErrors: 0, candidateTotal: 5, baselineErrors: 0, baselineTotal: 2.5 }, /baselineTotal to be a positive integer, got 2.5/],
  ])('throws an error naming what it expected on bad counts (%o)', (counts, message) => {
    expect(() => errorRateTest(counts)).toThrow(message);
  });
});
