/** Error counts of the candidate run and of the baseline. */
export interface ErrorCounts {
  readonly candidateErrors: number;
  readonly candidateTotal: number;
  readonly baselineErrors: number;
  readonly baselineTotal: number;
}

/** The outcome of {@link errorRateTest}. */
export interface ErrorRateResult {
  readonly candidateRate: number;
  readonly baselineRate: number;
  /** One-sided p-value for "the candidate's error rate is higher". */
  readonly pValue: number;
  /** `pValue < alpha`. */
  readonly significant: boolean;
  /** Which test gave the p-value. */
  readonly method: 'fisher' | 'z';
}

/** Smallest expected cell count under which the normal approximation is trusted (the usual rule of 5). */
export const MIN_EXPECTED_CELL = 5;

/**
 * A one-sided two-proportion test of whether the candidate's error rate is higher than the baseline's.
 * - When any cell of the 2×2 table (errors and successes of each side) has an expected count below 5
 *   under equal rates, Fisher's exact conditional test: with the total errors fixed, the candidate's
 *   errors follow a hypergeometric law, and p = P(X ≥ candidateErrors).
 * - Otherwise the pooled score (z) test with Yates' continuity correction:
 *   z = (p₁ − p₂ − ½(1/n₁ + 1/n₂)) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p = 1 − Φ(z).
 * With no error on either side the rates are equal and p = 1.
 *
 * @param alpha significance level
 * @default alpha 0.05
 * @throws Error when a total is not a positive integer or errors are not an integer in [0, total]
 */
export function errorRateTest(counts: ErrorCounts, alpha = 0.05): ErrorRateResult {
  const { candidateErrors: a, candidateTotal: n1, baselineErrors: c, baselineTotal: n2 } = counts;
  checkSide('candidate', a, n1);
  checkSide('baseline', c, n2);
  const candidateRate = a / n1;
  const baselineRate = c / n2;
  const errors = a + c;
  const total = n1 + n2;
  const smallestExpected = (Math.min(errors, total - errors) * Math.min(n1, n2)) / total;
  const method = smallestExpected < MIN_EXPECTED_CELL ? 'fisher' : 'z';
  const pValue = errors === 0 || errors === total ? 1 : method === 'fisher' ? fisherUpper(a, n1, errors, total) : scoreUpper(a, n1, c, n2);
  return { candidateRate, baselineRate, pValue, significant: pValue < alpha, method };
}

function checkSide(name: string, errors: number, total: number): void {
  if (!Number.isInteger(total) || total <= 0) throw new Error(`errorRateTest: expected ${name}Total to be a positive integer, got ${total}`);
  if (!Number.isInteger(errors) || errors < 0 || errors > total) {
    throw new Error(`errorRateTest: expected ${name}Errors to be an integer in [0, ${total}], got ${errors}`);
  }
}

/** P(X ≥ a) for X hypergeometric: `drawn` of `total` drawn, `errors` of `total` marked. */
function fisherUpper(a: number, drawn: number, errors: number, total: number): number {
  const top = Math.min(errors, drawn);
  let term = Math.exp(
    lnChoose(errors, a) + lnChoose(total - errors, drawn - a) - lnChoose(total, drawn),
  );
  let sum = 0;
  for (let k = a; k <= top; k++) {
    sum += term;
    // P(k + 1) / P(k)
    term *= ((errors - k) * (drawn - k)) / ((k + 1) * (total - errors - drawn + k + 1));
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/** Upper tail of the continuity-corrected pooled z statistic. */
function scoreUpper(a: number, n1: number, c: number, n2: number): number {
  const pooled = (a + c) / (n1 + n2);
  const spread = 1 / n1 + 1 / n2;
  const z = (a / n1 - c / n2 - spread / 2) / Math.sqrt(pooled * (1 - pooled) * spread);
  return 0.5 * erfc(z / Math.SQRT2);
}

const LN_FACTORIALS: number[] = [0];
for (let n = 1; n < 256; n++) LN_FACTORIALS.push(LN_FACTORIALS[n - 1]! + Math.log(n));

/** ln(n!): summed below 256, Stirling's series above (error under 1e-15 there). */
function lnFactorial(n: number): number {
  if (n < 256) return LN_FACTORIALS[n]!;
  const n2 = n * n;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n2 * n2 * n);
}

function lnChoose(n: number, k: number): number {
  return lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k);
}

/** Complementary error function (Numerical Recipes' erfcc, Chebyshev fit, relative error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
