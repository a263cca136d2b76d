import type { PrometheusSample, PrometheusScrape } from './scrape-prometheus.ts';

/** GC pauses between two scrapes. */
export interface GcPauses {
  /** Pauses that ended between the scrapes. */
  readonly count: number;
  /** Time spent in those pauses, in seconds. */
  readonly seconds: number;
  /** Longest recent pause (Micrometer's `_max`, a decaying window); absent for Node's histogram. */
  readonly maxSeconds?: number;
}

/**
 * Saturation of a target between two consecutive scrapes. A field is absent when the target exposes
 * none of the names it is derived from.
 */
export interface Saturation {
  /** Process CPU over the interval, in percent of one core (200 = two cores busy). */
  cpuPercent?: number;
  /** Heap in use at the later scrape, in bytes. */
  heapUsedBytes?: number;
  gcPauses?: GcPauses;
  /** Event-loop lag at the later scrape, in seconds (Node). */
  eventLoopLagSeconds?: number;
  /** Tasks waiting in executors at the later scrape (JVM/Micrometer). */
  queuedTasks?: number;
  /** Live threads at the later scrape (JVM). */
  threads?: number;
}

/** Two consecutive scrapes of one endpoint; `previous` is older. */
export interface ScrapePair {
  readonly previous: PrometheusScrape;
  readonly current: PrometheusScrape;
}

/** Reads one saturation field from a scrape pair, or undefined when the names it needs are missing. */
type Reader<K extends keyof Saturation> = (pair: ScrapePair) => Saturation[K] | undefined;

/**
 * Where each saturation field comes from, in order of preference: Node/prom-client names first, then
 * JVM/Micrometer names. The first reader that finds its names wins.
 */
export const SATURATION_READERS: { readonly [K in keyof Saturation]-?: readonly Reader<K>[] } = {
  cpuPercent: [
    (pair) => {
      const seconds = increase(pair, 'process_cpu_seconds_total');
      const elapsed = (pair.current.timeMs - pair.previous.timeMs) / 1000;
      return seconds === undefined || elapsed <= 0 ? undefined : (seconds / elapsed) * 100;
    },
    // Micrometer's ProcessorMetrics exposes a ratio of the whole machine's CPUs rather than a counter.
    ({ current }) => scale(sum(current.samples, 'process_cpu_usage'), 100),
  ],
  heapUsedBytes: [
    ({ current }) => sum(current.samples, 'nodejs_heap_size_used_bytes'),
    ({ current }) => sum(current.samples, 'jvm_memory_used_bytes', { area: 'heap' }),
  ],
  gcPauses: [
    (pair) => pauses(pair, 'nodejs_gc_duration_seconds'),
    (pair) => pauses(pair, 'jvm_gc_pause_seconds'),
  ],
  eventLoopLagSeconds: [({ current }) => max(current.samples, 'nodejs_eventloop_lag_seconds')],
  queuedTasks: [({ current }) => sum(current.samples, 'executor_queued_tasks')],
  threads: [({ current }) => sum(current.samples, 'jvm_threads_live_threads')],
};

/** Derives CPU %, heap, GC pauses, loop lag or queue and threads from two consecutive scrapes. */
export function deriveSaturation(pair: ScrapePair): Saturation {
  const saturation: Saturation = {};
  for (const field of Object.keys(SATURATION_READERS) as (keyof Saturation)[]) {
    const value = firstOf(SATURATION_READERS[field] as readonly Reader<typeof field>[], pair);
    if (value !== undefined) (saturation as Record<string, unknown>)[field] = value;
  }
  return saturation;
}

function firstOf<K extends keyof Saturation>(readers: readonly Reader<K>[], pair: ScrapePair): Saturation[K] | undefined {
  for (const read of readers) {
    const value = read(pair);
    if (value !== undefined) return value;
  }
  return undefined;
}

function matching(samples: readonly PrometheusSample[], name: string, labels: Record<string, string> = {}): number[] {
  const wanted = Object.entries(labels);
  return samples
    .filter((s) => s.name === name && wanted.every(([key, value]) => s.labels[key] === value))
    .map((s) => s.value)
    .filter((value) => Number.isFinite(value));
}

function sum(samples: readonly PrometheusSample[], name: string, labels?: Record<string, string>): number | undefined {
  const values = matching(samples, name, labels);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

function max(samples: readonly PrometheusSample[], name: string): number | undefined {
  const values = matching(samples, name);
  return values.length === 0 ? undefined : Math.max(...values);
}

function scale(value: number | undefined, by: number): number | undefined {
  return value === undefined ? undefined : value * by;
}

/**
 * How much a counter (summed over its series) grew between the scrapes. A smaller total means the
 * target restarted, so the later total is all the growth there was since.
 */
function increase({ previous, current }: ScrapePair, name: string): number | undefined {
  const now = sum(current.samples, name);
  if (now === undefined) return undefined;
  const before = sum(previous.samples, name) ?? 0;
  return now >= before ? now - before : now;
}

function pauses(pair: ScrapePair, base: string): GcPauses | undefined {
  const count = increase(pair, `${base}_count`);
  const seconds = increase(pair, `${base}_sum`);
  if (count === undefined || seconds === undefined) return undefined;
  const maxSeconds = max(pair.current.samples, `${base}_max`);
  return maxSeconds === undefined ? { count, seconds } : { count, seconds, maxSeconds };
}
