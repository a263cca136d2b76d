import type { ScenarioConfig } from '../executors/executor-types.ts';
import type { Segment } from '../executors/segment.ts';
import type { Tags } from '../metrics/metric-types.ts';
import type { SeriesDelta } from '../metrics/series-delta.ts';
import type { LogRecord } from '../runtime/logger.ts';
import type { ScriptBundle } from '../runtime/bundle-script.ts';
import type { Exemplar } from '../output/exemplar.ts';
import type { RedactOptions } from '../runtime/redactor.ts';
import type { TracingOptions } from '../tracing/request-tracer.ts';

/** Everything a worker needs to run its segment; plain data, copied into the thread. */
export interface WorkerSetup {
  bundle: ScriptBundle;
  env: Record<string, string>;
  rawOptions: Record<string, unknown>;
  globalTags: Tags;
  scenarios: ScenarioConfig[];
  /** First VU id of each scenario's range, in scenario order. */
  firstVuIds: number[];
  segment: Segment;
  setupData: string | undefined;
  /** Emit one k6 JSON point line per sample (only when `--out json` asked for it). */
  jsonPoints: boolean;
  /** Trace requests and keep exemplars; off when absent. */
  tracing?: TracingOptions;
  /** Hosts besides loopback that connections may go to. */
  allowHosts: readonly string[];
  /** What tags and exemplars mask. */
  redact: RedactOptions;
}

/** Counters the main thread shows in progress lines and turns into the `vus` and `vus_max` gauges. */
export interface InstanceStatus {
  vusActive: number;
  /** The most VUs active at once since the previous snapshot: what the `vus` gauge reports. */
  vusPeak: number;
  vusMax: number;
  iterationsCompleted: number;
  iterationsInterrupted: number;
}

export type MainToWorker = { kind: 'start'; startAt: number } | { kind: 'stop' };

export type WorkerToMain =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string; exitCode: number }
  | {
      kind: 'snapshot';
      second: number;
      deltas: SeriesDelta[];
      logs: LogRecord[];
      status: InstanceStatus;
      /** `--out json` point lines, newline-terminated, with the metrics they use. */
      points?: { metrics: string[]; lines: string };
      /** With tracing: the exemplars this worker kept since its previous snapshot, when there are any. */
      exemplars?: Exemplar[];
    }
  | { kind: 'abort'; reason: string }
  | { kind: 'done' };
