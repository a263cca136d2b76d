import type { ShopFaults } from './shop-faults.ts';

/**
 * The per-request effects of ShopFaults, shared by HTTP routes and gRPC calls. Knobs that act on the
 * whole process rather than on one request (leak, consumer pause, crash) are in fault-effects.ts.
 */

/** Whether to answer this request with an injected 500 instead of handling it. */
export function injectsError(faults: ShopFaults, random: () => number = Math.random): boolean {
  return faults.errorRate > 0 && random() < faults.errorRate;
}

/** How long to hold a response back, in milliseconds, given how long its handler took. */
export function faultDelayMs(faults: ShopFaults, handlerMs: number): number {
  return handlerMs * (faults.latencyFactor - 1) + faults.extraLatencyMs;
}
