import type { Vu } from '../runtime/vu.ts';

/** The `k6/timers` module: timers owned by the VU, cleared when its iteration is interrupted. */
export function createTimersModule(vu: Vu) {
  const { setTimeout, clearTimeout, setInterval, clearInterval } = vu.timers;
  const module = { setTimeout, clearTimeout, setInterval, clearInterval };
  return { ...module, default: module, __esModule: true };
}
