import type { ShopFaults } from './shop-faults.ts';

/**
 * The per-request effects of ShopFaults. Knobs that act on the whole process rather than on one request
 * (a memory leak, a crash timer) will not belong here; they will react to fault changes in startShop.
 */

/** Whether to answer this request with an injected 500 instead of handling it. */
export function injectsError(faults: ShopFaults, random: () => number = Math.random): boolean {
  return faults.errorRate > 0 && random() < faults.errorRate;
}

/** How long to hold a response back, in milliseconds, given how long its handler took. */
export function faultDelayMs(faults: ShopFaults, handlerMs: number): number {
  return handlerMs * (faults.latencyFactor - 1) + faults.extraLatencyMs;
}
