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
 */

/** Memory an idle VU holds at the least (13.6 KiB measured, rounded up). */
export const BYTES_PER_VU = 14 * 1024;

/** Memory a worker thread holds before its VUs (68–77 MiB measured). */
export const BYTES_PER_WORKER = 70 * 1024 ** 2;

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
