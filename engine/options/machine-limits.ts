import { availableParallelism, totalmem } from 'node:os';
import { OptionsError, shown } from '../errors.ts';

/*
 * What one VU and one worker thread cost, measured on this engine (Node 20.20, x86-64, 2 cores, 23.5 GiB):
 *
 * - An idle VU of a small script (k6/http + check + sleep, init code run) holds 13.6 KiB of heap: RSS and
 *   heapUsed grew by 13.1–13.8 KiB per VU for 10,000 and 50,000 VUs created in one VuRuntime, measured
 *   after a full GC (the 1,000-VU figure drowns in page-allocation noise). Creating one took 0.2–0.45 ms.
 *   A real scenario costs more (scenarios/product-get.ts: 30 KiB of heap, about 100 KiB of RSS with its
 *   Zipf table), so a plan refused with this figure could not have fit whatever its script.
 * - A worker thread ready with one VU adds 68–77 MiB of RSS (1, 4 and 8 workers of the worker bundle, with
 *   the small script and with product-get), and 2–3 s of CPU to start: its own V8 isolate and module graph.
 * - A worker holds the VUs of its execution segment in one V8 heap, capped at 4 GiB of old generation (V8's
 *   default on 64-bit machines of 16 GiB or more; heap_size_limit 4,144 MiB in the main thread and in a
 *   worker alike). The small script's VUs, created into such a heap, held 13.59 KiB each from 20,000 to
 *   300,000 VUs (4,003 MiB live after a full GC, 21 MiB before the first); before 320,000 the heap ran out.
 *   So the default single worker of a 2-core machine cannot start what the machine holds (880,000 VUs).
 */

/** Memory an idle VU holds at the least (13.6 KiB measured, rounded up). */
export const BYTES_PER_VU = 14 * 1024;

/** Memory a worker thread holds before its VUs (68–77 MiB measured). */
export const BYTES_PER_WORKER = 70 * 1024 ** 2;

/**
 * Old-generation heap of each worker thread, in MiB: V8's default on machines of 16 GiB or more, set
 * explicitly (worker-pool.ts) so that what a worker holds is the same on every machine.
 */
export const WORKER_HEAP_MB = 4096;

/**
 * Share of a worker's heap its VUs may fill: the rest is the worker's own module graph (about 21 MiB), the
 * iterations' garbage and room for the collector, which thrashes as the live heap nears its cap.
 */
export const WORKER_HEAP_SHARE = 0.9;

/**
 * Share of the machine's memory a run may plan for: the rest is for the OS, the target and services a
 * run usually shares the machine with (the reference shop, a Kafka broker), and the garbage collector's
 * room above the live heap.
 */
export const MEMORY_SHARE = 0.5;

/** Worker threads per core beyond which more only add isolates that compete for the same cores. */
export const WORKERS_PER_CORE = 4;

/** The facts of a machine the limits are computed from. */
export interface Machine {
  totalBytes: number;
  cores: number;
}

export const THIS_MACHINE: Machine = { totalBytes: totalmem(), cores: availableParallelism() };

/** Most VUs a run may plan on `machine`. */
export function maxVus(machine: Machine = THIS_MACHINE): number {
  return Math.floor((machine.totalBytes * MEMORY_SHARE) / BYTES_PER_VU);
}

/** Most VUs one worker thread holds: its heap's share for VUs at BYTES_PER_VU each. */
export function maxVusPerWorker(): number {
  return Math.floor((WORKER_HEAP_MB * 1024 ** 2 * WORKER_HEAP_SHARE) / BYTES_PER_VU);
}

/**
 * The VUs of the busiest worker when each scenario's VUs are split over `workers` execution segments: the
 * last segment of each scenario gets its share rounded up.
 */
export function vusOfBusiestWorker(vusByScenario: readonly number[], workers: number): number {
  return vusByScenario.reduce((sum, vus) => sum + Math.ceil(vus / workers), 0);
}

/** Most worker threads a run may use on `machine`: by cores, and by memory. */
export function maxWorkers(machine: Machine = THIS_MACHINE): number {
  return Math.max(1, Math.min(machine.cores * WORKERS_PER_CORE, Math.floor((machine.totalBytes * MEMORY_SHARE) / BYTES_PER_WORKER)));
}

/** A count or rate for a message: `36,000,000,000`, `0.25`; from 10^15 in exponent form; `∞` for Infinity. */
export function formatNumber(value: number): string {
  if (value === Infinity) return '∞';
  return value < 1e15 ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : value.toPrecision(2);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** Why the VU limit is what it is: `this machine fits about 880,000 VUs (14 KiB each in half of its 23.5 GiB)`. */
export function vuCapacity(machine: Machine = THIS_MACHINE): string {
  return `this machine fits about ${formatNumber(roundDown(maxVus(machine)))} VUs (${BYTES_PER_VU / 1024} KiB each in half of its ${formatBytes(machine.totalBytes)})`;
}

/** Two significant digits, rounded down, so a suggested limit is never above the real one: 881,294 → 880,000. */
export function roundDown(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return value;
  const unit = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.floor(value / unit) * unit).toPrecision(2));
}

/**
 * Refuses more worker threads than the machine can hold.
 * @param what how the user gave the count, e.g. `--workers`.
 */
export function checkWorkers(count: number, what: string, machine: Machine = THIS_MACHINE): void {
  const limit = maxWorkers(machine);
  if (count <= limit) return;
  const isolate = `each is a V8 isolate of about ${formatBytes(BYTES_PER_WORKER)}`;
  const reason =
    limit === machine.cores * WORKERS_PER_CORE
      ? `${machine.cores} cores × ${WORKERS_PER_CORE}; ${isolate}`
      : `${isolate}, in half of its ${formatBytes(machine.totalBytes)}`;
  throw new OptionsError(`invalid ${what} ${shown(count)}; this machine fits at most ${limit} worker threads (${reason}); use ${what} ${limit} or fewer`);
}

/**
 * Refuses VUs that fit the machine but not the run's worker threads: each worker is one V8 isolate whose
 * heap holds maxVusPerWorker() VUs, and a run started with more runs that worker out of memory. The line
 * says how many workers would hold them.
 *
 * @param vusByScenario each scenario's most VUs (maxVUs, vus), as the execution segments split them.
 * @param what how the user gives the count, e.g. `--workers`.
 * @throws OptionsError (exit code 104)
 */
export function checkVusPerWorker(vusByScenario: readonly number[], workers: number, what: string, machine: Machine = THIS_MACHINE): void {
  const limit = maxVusPerWorker();
  const busiest = vusOfBusiestWorker(vusByScenario, workers);
  if (busiest <= limit) return;
  const total = vusByScenario.reduce((sum, vus) => sum + vus, 0);
  const most = maxWorkers(machine);
  let needed = workers + 1;
  while (needed <= most && vusOfBusiestWorker(vusByScenario, needed) > limit) needed++;
  const fix =
    needed <= most
      ? `use ${what} ${needed}`
      : `use fewer VUs: ${most} worker threads, the most this machine fits, hold about ${formatNumber(roundDown(limit * most))}`;
  const share = workers === 1 ? 'the only one' : `the busiest of ${workers}`;
  throw new OptionsError(
    `invalid ${what} ${workers} for ${formatNumber(total)} VUs; a worker thread holds about ${formatNumber(roundDown(limit))} VUs (${BYTES_PER_VU / 1024} KiB each in ${WORKER_HEAP_SHARE * 100}% of its ${formatBytes(WORKER_HEAP_MB * 1024 ** 2)} heap) and ${share} would get ${formatNumber(busiest)}; ${fix}`,
  );
}
