import type { ShopFaults } from './shop-faults.ts';

/**
 * The per-request effects of ShopFaults, shared by HTTP routes and gRPC calls. Knobs that act on the
 * whole process rather than on one request (leak, consumer pause, crash) are in fault-effects.ts.
 */

/** Spread of the simulated dependency's lognormal wait: p95 = median × e^(1.645 σ) ≈ 2.7 × median. */
export const DEPENDENCY_SIGMA = 0.6;

/** Whether to answer this request with an injected 500 instead of handling it. */
export function injectsError(faults: ShopFaults, random: () => number = Math.random): boolean {
  return faults.errorRate > 0 && random() < faults.errorRate;
}

/**
 * How long to hold a response back, in milliseconds, given how long its handler took: the handler's
 * time plus a draw of the simulated dependency's wait, times latencyFactor, less the time already spent,
 * plus extraLatencyMs.
 */
export function faultDelayMs(faults: ShopFaults, handlerMs: number, random: () => number = Math.random): number {
  const serviceMs = handlerMs + dependencyWaitMs(faults.dependencyMs, random);
  return serviceMs * faults.latencyFactor - handlerMs + faults.extraLatencyMs;
}

/** One lognormal draw with median `medianMs` (Box–Muller); 0 without drawing when the median is 0. */
export function dependencyWaitMs(medianMs: number, random: () => number = Math.random): number {
  if (medianMs <= 0) return 0;
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMs * Math.exp(DEPENDENCY_SIGMA * normal);
}
