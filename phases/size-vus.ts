/**
 * Little's-law headroom when the config gives none: VUs for three times the budget latency at peak rate,
 * so a scenario running at 3× its p95 budget still has a free VU for every arrival before any is dropped.
 */
export const DEFAULT_HEADROOM = 3;

/**
 * Floor for preAllocatedVUs. At low rates (smoke at 1/s) Little's law gives a single VU, and one GC pause
 * or slow cold-cache request would then drop the next arrival; a handful of spare VUs costs nothing.
 */
export const MIN_PREALLOCATED_VUS = 5;

/**
 * maxVUs = preAllocatedVUs × this. Beyond the headroom the executor may still add VUs until latency reaches
 * headroom × this × budget; past that, iterations are dropped and counted in `dropped_iterations`, which is
 * the saturation signal we want instead of an unbounded VU pile-up (open model, no coordinated omission).
 */
export const MAX_VUS_MULTIPLIER = 2;

/** VU counts for an arrival-rate scenario. */
export interface VuSizing {
  preAllocatedVUs: number;
  maxVUs: number;
}

/**
 * Sizes VUs by Little's law: concurrency = arrival rate × time in system. With the budget as the time in
 * system and a headroom factor on top, `preAllocatedVUs = ceil(peakRate × budgetMs / 1000 × headroom)`, at
 * least MIN_PREALLOCATED_VUS; `maxVUs` is MAX_VUS_MULTIPLIER times that.
 */
export function sizeVus(peakRate: number, budgetMs: number, headroom: number): VuSizing {
  const concurrency = peakRate * (budgetMs / 1000) * headroom;
  // Float products such as 100 × 0.12 × 3 = 36.000000000000007 must not round up to 37.
  const preAllocatedVUs = Math.max(MIN_PREALLOCATED_VUS, Math.ceil(concurrency - 1e-9));
  return { preAllocatedVUs, maxVUs: preAllocatedVUs * MAX_VUS_MULTIPLIER };
}
