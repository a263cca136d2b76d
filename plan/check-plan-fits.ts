import { LoadbookError } from '../engine/errors.ts';
import {
  checkVusPerWorker,
  formatNumber,
  maxVus,
  maxVusPerWorker,
  roundDown,
  THIS_MACHINE,
  vuCapacity,
  vusOfBusiestWorker,
  type Machine,
} from '../engine/options/machine-limits.ts';
import type { ScenarioName } from '../lib/config.ts';
import { buildPhaseOptions, type LoadbookOptions } from '../lib/phase-options.ts';
import type { EnvSettings } from '../lib/read-config-from-env.ts';

/** The VUs each of a plan's scenarios may create: an arrival-rate scenario's maxVUs, a closed one's vus. */
function plannedVusByScenario(options: LoadbookOptions): number[] {
  return Object.values(options.scenarios).map((scenario) => ('maxVUs' in scenario ? scenario.maxVUs : scenario.vus));
}

/** The VUs a plan's scenarios may create: each arrival-rate scenario's maxVUs, each closed one's vus. */
export function plannedVus(options: LoadbookOptions): number {
  return plannedVusByScenario(options).reduce((sum, vus) => sum + vus, 0);
}

/**
 * The highest baseline rate whose plan fits, or undefined when none does. VUs only grow with the rate,
 * so halving the rate's logarithmic range finds it whatever its magnitude (1e-6 to 1e308).
 */
function highestFittingRate(fitsAt: (rate: number) => boolean, rate: number): number | undefined {
  let low = 1e-6;
  if (!fitsAt(low)) return undefined;
  let high = rate;
  while (high / low > 1.001) {
    const middle = Math.sqrt(low) * Math.sqrt(high);
    if (fitsAt(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Refuses a plan whose VUs cannot fit in this machine's memory, or in the heaps of the run's `workers`,
 * before anything starts: Little's law turns an absurd rate (`--rate 1e12`, `"baselineRate": 1e308`) into
 * billions of VUs. The line names the rate, the VUs it needs, what fits, and the highest rate that would
 * (or, for VUs the machine holds but one worker does not, the `--workers` that would).
 *
 * @throws LoadbookError (exit code 104)
 */
export function checkPlanFits(settings: EnvSettings, names: readonly ScenarioName[], workers: number, machine: Machine = THIS_MACHINE): void {
  const vusAt = (rate: number): number[] => {
    try {
      return plannedVusByScenario(buildPhaseOptions({ ...settings, config: { ...settings.config, baselineRate: rate } }, names));
    } catch {
      return [Infinity]; // the config was checked already: only a rate × weight beyond a double's range fails here
    }
  };
  const limit = maxVus(machine);
  const fitsMachineAt = (rate: number) => vusAt(rate).reduce((sum, count) => sum + count, 0) <= limit;
  const fitsAt = (rate: number) => fitsMachineAt(rate) && vusOfBusiestWorker(vusAt(rate), workers) <= maxVusPerWorker();
  const { baselineRate, headroom } = settings.config;
  const needed = vusAt(baselineRate);
  const total = needed.reduce((sum, count) => sum + count, 0);
  if (total <= limit) {
    checkVusPerWorker(needed, workers, '--workers', machine);
    return;
  }
  const fitting = highestFittingRate(fitsAt, baselineRate);
  // Named only when the workers' heaps, not the machine, set the suggested rate.
  const workersBind = fitting !== undefined && !fitsAt(fitting * 1.01) && fitsMachineAt(fitting * 1.01);
  const fix =
    fitting === undefined
      ? `lower headroom (${formatNumber(headroom)}), the p95 budgets or ws-broadcast's subscribers`
      : `use a rate ≤ ${formatNumber(roundDown(fitting))} (at headroom ${headroom}${workersBind ? ` and --workers ${workers}` : ''})`;
  throw new LoadbookError(
    `invalid rate ${formatNumber(baselineRate)} (--rate, LOADBOOK_RATE or baselineRate); the ${settings.phase} plan needs ${formatNumber(total)} VUs and ${vuCapacity(machine)}; ${fix}`,
  );
}
