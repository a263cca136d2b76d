import type { Provenance } from '../../plan/read-provenance.ts';
import type { StageLabel } from '../../phases/index.ts';

/** Bumped when the twin's shape changes incompatibly; readBaseline refuses other versions. */
export const BASELINE_SCHEMA_VERSION = 1;

/**
 * A baseline's JSON twin (`docs/perf/baselines/<stem>.json`): the numbers of the markdown snapshot plus the
 * merged HDR histograms, so a later verdict can compare runs statistically. Absent values are `null`
 * (JSON has no `undefined`). Validated against `schemas/baseline.schema.json` on write and on read.
 */
export interface BaselineDocument {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  phase: string;
  /** The run's date, `yyyy-mm-dd` in UTC: part of the file name. */
  date: string;
  run: BaselineRun;
  provenance: BaselineProvenance;
  scenarios: BaselineScenario[];
  saturation: BaselineSaturation[];
  kafkaLag: BaselineKafkaLag[];
  caching: BaselineCaching | null;
  heapTrend: BaselineHeapTrend | null;
  samplerErrors: { source: string; errors: number; firstError: string }[];
  /** Present when the baseline was taken from a partial run (`--allow-partial`): why it is partial. */
  partial?: string;
}

/** Where the run came from and the numbers it ran with (RunFacts, with nulls). */
export interface BaselineRun {
  source: 'loadbook' | 'k6';
  id: string;
  createdAt: string;
  /** ISO 8601 of the timeline's second 0. */
  startedAt: string;
  /** Seconds the timeline covers. */
  seconds: number;
  target: string | null;
  baselineRate: number | null;
  timeScale: number;
  configSha256: string | null;
  cores: number | null;
  workers: number | null;
  stages: { label: StageLabel; startS: number; endS: number }[];
}

/** The code the baseline was taken with. */
/** The code the run was made with (plan.json's provenance, or the code at baseline time for older runs). */
export type BaselineProvenance = Provenance;

/** Latency of the budget metric in ms. */
export interface BaselineLatency {
  count: number;
  min: number;
  avg: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Golden signals of one window (GoldenSignals, with nulls). */
export interface BaselineSignals {
  durationS: number;
  latency: BaselineLatency | null;
  errors: {
    httpRequests: number;
    httpFailed: number;
    httpFailedRate: number | null;
    checks: number;
    checksFailed: number;
    checksFailedRate: number | null;
  };
  traffic: {
    iterations: number;
    iterationsPerS: number;
    requests: number;
    requestsPerS: number;
    events: number;
    eventsPerS: number;
    targetRate: number;
    achievedRatio: number | null;
    droppedIterations: number;
  };
}

/** Merged HDR histograms of the budget metric, as the timeline encodes them. */
export interface BaselineHistograms {
  /** HdrHistogram's compressed base64 (hdr-histogram-js encodeIntoCompressedBase64). */
  encoding: 'hdr-compressed-base64';
  /** Histogram units per ms: values are recorded in microseconds. */
  unitsPerMs: number;
  whole: string | null;
  stages: { label: StageLabel; hdr: string }[];
  windowS: number;
  windows: { second: number; hdr: string }[];
}

/** One scenario on its budget metric. */
export interface BaselineScenario {
  name: string;
  metric: string;
  budgetP95Ms: number | null;
  whole: BaselineSignals;
  stages: { label: StageLabel; signals: BaselineSignals }[];
  recovery: { burstEndSecond: number; baselineP95: number | null; recoverySeconds: number | null } | null;
  histograms: BaselineHistograms;
}

/** Mean and maximum of a sampled value. */
export interface BaselineSampledStat {
  mean: number;
  max: number;
  samples: number;
}

/** Saturation over one window. */
export interface BaselineSaturationWindow {
  cpuPercent: BaselineSampledStat | null;
  heapUsedMiB: BaselineSampledStat | null;
  eventLoopLagMs: BaselineSampledStat | null;
  queuedTasks: BaselineSampledStat | null;
  gcPauses: { count: number; totalMs: number; maxMs: number | null } | null;
}

/** Saturation of one metrics endpoint. */
export interface BaselineSaturation {
  source: string;
  whole: BaselineSaturationWindow;
  stages: { label: StageLabel; window: BaselineSaturationWindow }[];
}

/** Lag of one consumer group. */
export interface BaselineKafkaLag {
  group: string;
  maxLag: number;
  lastLag: number;
  samples: number;
  stages: { label: StageLabel; maxLag: number }[];
}

/** The caching check after warm-up. */
export interface BaselineCaching {
  warmupS: number;
  samples: number;
  hitRatio: number | null;
  target: number;
  meetsTarget: boolean | null;
  topKeys: { bucket: string; samples: number; share: number; hitRatio: number }[];
}

/** Heap trend over the run. */
export interface BaselineHeapTrend {
  source: string;
  samples: number;
  spanS: number;
  slopeMiBPerHour: number;
  r2: number;
  thresholdMiBPerHour: number;
  suspectedLeak: boolean;
}
