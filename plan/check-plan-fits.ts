import { LoadbookError } from '../engine/errors.ts';
import { formatNumber, maxVus, roundDown, THIS_MACHINE, vuCapacity, type Machine } from '../engine/options/machine-limits.ts';
import type { ScenarioName } from '../lib/config.ts';
import { buildPhaseOptions, type LoadbookOptions } from '../lib/phase-options.ts';
import type { EnvSettings } from '../lib/read-config-from-env.ts';

/** The VUs a plan's scenarios may create: each arrival-rate scenario's maxVUs, each closed one's vus. */
export function plannedVus(options: LoadbookOptions): number {
  return Object.values(options.scenarios).reduce((sum, scenario) => sum + ('maxVUs' in scenario ? scenario.maxVUs : scenario.vus), 0);
}

/**
 * The highest baseline rate whose plan fits in `limit` VUs, or undefined when none does. VUs only grow
 * with the rate, so halving the rate's logarithmic range finds it whatever its magnitude (1e-6 to 1e308).
 */
function highestFittingRate(vusAt: (rate: number) => number, rate: number, limit: number): number | undefined {
  let low = 1e-6;
  if (vusAt(low) > limit) return undefined;
  let high = rate;
  while (high / low > 1.001) {
    const middle = Math.sqrt(low) * Math.sqrt(high);
    if (vusAt(middle) <= limit) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Refuses a plan whose VUs cannot fit in this machine's memory, before anything starts: Little's law
 * turns an absurd rate (`--rate 1e12`, `"baselineRate": 1e308`) into billions of VUs. The line names the
 * rate, the VUs it needs, what fits, and the highest rate that would.
 *
 * @throws LoadbookError (exit code 104)
 */
export function checkPlanFits(settings: EnvSettings, names: readonly ScenarioName[], machine: Machine = THIS_MACHINE): void {
  const vusAt = (rate: number) => {
    try {
      return plannedVus(buildPhaseOptions({ ...settings, config: { ...settings.config, baselineRate: rate } }, names));
    } catch {
      return Infinity; // the config was checked already: only a rate × weight beyond a double's range fails here
    }
  };
  const { baselineRate, headroom } = settings.config;
  const needed = vusAt(baselineRate);
  const limit = maxVus(machine);
  if (needed <= limit) return;
  const fitting = highestFittingRate(vusAt, baselineRate, limit);
  const fix =
    fitting === undefined
      ? `lower headroom (${formatNumber(headroom)}), the p95 budgets or ws-broadcast's subscribers`
      : `use a rate ≤ ${formatNumber(roundDown(fitting))} (at headroom ${headroom})`;
  throw new LoadbookError(
    `invalid rate ${formatNumber(baselineRate)} (--rate, LOADBOOK_RATE or baselineRate); the ${settings.phase} plan needs ${formatNumber(needed)} VUs and ${vuCapacity(machine)}; ${fix}`,
  );
}
