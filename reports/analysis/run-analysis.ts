import type { Exemplar } from '../../engine/output/exemplar.ts';
import type { StageLabel } from '../../phases/index.ts';
import type { Provenance } from '../../plan/read-provenance.ts';
import type { LatencyStats } from './percentiles-over.ts';
import type { GoldenSignals } from './signals-accumulator.ts';

/**
 * What analysis finds in a run: the one shape every renderer (report, baseline, verdict) reads. Produced
 * by analyzeRun (a loadbook run folder) and by the stock-k6 path (k6 `--out json` lines).
 */
export interface RunAnalysis {
  /** Where the run came from and the numbers it ran with. */
  run: RunFacts;
  phase: string;
  /** Epoch ms of the timeline's second 0. */
  startedAt: number;
  /** Seconds the timeline covers (last second + 1). */
  seconds: number;
  scenarios: ScenarioAnalysis[];
  /** One entry per metrics endpoint that yielded saturation samples (server.ndjson). */
  saturation: SaturationAnalysis[];
  /** One entry per consumer group sampled. */
  kafkaLag: KafkaLagAnalysis[];
  /** Samplers that failed during the run; the run went on. */
  samplerErrors: SamplerErrorSummary[];
  /** The caching check (docs/runbook.md §6); undefined when the run has no `cache_hit` samples. */
  caching: CachingAnalysis | undefined;
  /** Heap trend of the first saturation source with heap samples; undefined with fewer than 3 heap samples. */
  heapTrend: HeapTrend | undefined;
  /** The slowest traced requests (exemplars.json), slowest first; empty without tracing. */
  exemplars: Exemplar[];
  /** Time series for charts, downsampled to at most MAX_SERIES_POINTS points per line. */
  series: RunSeries;
  /** Set when the run covers less than its plan: its numbers must not stand for a whole run. */
  partial?: PartialRun;
}

/** Why a run is partial: its timeline was cut (power loss, SIGKILL), or the run stopped early. */
export type PartialRun =
  | { kind: 'cut'; reason: string }
  | { kind: 'stopped'; exitCode: number; reason: string };

/** One line on why a run is partial, for reports and refusals. */
export function describePartial(partial: PartialRun): string {
  return partial.kind === 'cut'
    ? `its timeline is cut short (${partial.reason}), so it is read up to its last whole record`
    : `it was stopped before its plan ended (exit code ${partial.exitCode}: ${partial.reason})`;
}

/** Where a run came from and the numbers it ran with. */
export interface RunFacts {
  /** `loadbook` for a run folder, `k6` for stock k6 output. */
  source: 'loadbook' | 'k6';
  /** The run folder's name (e.g. `20261129-021619-steady-5dp7bv`), or the k6 output file's name. */
  id: string;
  /** ISO 8601 of the plan, or of the first k6 sample. */
  createdAt: string;
  /** The target's base URL with any credentials removed; undefined for k6 output. */
  target: string | undefined;
  /** Baseline iterations/s; undefined for k6 output. */
  baselineRate: number | undefined;
  timeScale: number;
  /** sha256 of the resolved config; undefined for k6 output. */
  configSha256: string | undefined;
  /** CPU cores of the machine that generated load; undefined for k6 output. */
  cores: number | undefined;
  /** Engine worker threads; undefined for k6 output. */
  workers: number | undefined;
  /** The code the run was made with (plan.json); undefined for k6 output and older run folders. */
  provenance?: Provenance;
  /** Stage windows of the run (seconds since start), for stage bands on charts; empty for k6 output. */
  stages: { label: StageLabel; startS: number; endS: number }[];
}

/** Golden signals of one stage label (all of a scenario's windows with that label together). */
export interface StageAnalysis {
  label: StageLabel;
  signals: GoldenSignals;
}

/** Spike recovery of one scenario: present when its plan has a burst stage after a steady one. */
export interface RecoveryAnalysis {
  /** When the last burst window ends, seconds since the run started. */
  burstEndSecond: number;
  /** p95 of the steady stage before the burst. */
  baselineP95: number | undefined;
  /** Seconds until the per-second p95 was back within 10% of baselineP95; undefined if it never was. */
  recoverySeconds: number | undefined;
}

/** Merged HDR histograms of a scenario's budget metric (encoded as in the timeline), for statistics later. */
export interface ScenarioHistograms {
  /** The whole run. */
  whole: string | undefined;
  /** By stage label. */
  stages: Partial<Record<StageLabel, string>>;
  /** Width of each window in seconds: 5, or wider so that a run has at most MAX_HISTOGRAM_WINDOWS windows. */
  windowS: number;
  /** Consecutive windows with samples, `second` being the window's first second since the run started. */
  windows: { second: number; hdr: string }[];
}

/** One scenario of a run, on its budget metric. */
export interface ScenarioAnalysis {
  name: string;
  /** The metric its p95 budget is set on, from the plan's thresholds (e.g. http_req_duration). */
  metric: string;
  /** The p95 budget in ms; undefined for k6 output without a p(95) threshold. */
  budgetP95Ms: number | undefined;
  /** The whole run, warm-up included. */
  whole: GoldenSignals;
  /** One entry per stage label in plan order. */
  stages: StageAnalysis[];
  recovery: RecoveryAnalysis | undefined;
  histograms: ScenarioHistograms;
}

/** Mean and maximum of a sampled value over a window; undefined where the target exposed no such metric. */
export interface SampledStat {
  mean: number;
  max: number;
  samples: number;
}

/** Saturation over one window (a stage label, or the whole run). */
export interface SaturationWindow {
  /** Process CPU in percent of one core. */
  cpuPercent: SampledStat | undefined;
  heapUsedMiB: SampledStat | undefined;
  /** Event-loop lag (Node) in ms. */
  eventLoopLagMs: SampledStat | undefined;
  /** Tasks queued in executors (JVM). */
  queuedTasks: SampledStat | undefined;
  /** GC pauses in the window: count, total and longest (longest only where the target exports it). */
  gcPauses: { count: number; totalMs: number; maxMs: number | undefined } | undefined;
}

/** Saturation of one metrics endpoint. */
export interface SaturationAnalysis {
  /** The endpoint URL, credentials removed. */
  source: string;
  whole: SaturationWindow;
  stages: { label: StageLabel; window: SaturationWindow }[];
}

/** Lag of one consumer group. */
export interface KafkaLagAnalysis {
  group: string;
  /** Most records waiting at any measured sample; undefined when no sample could measure the lag. */
  maxLag: number | undefined;
  /** The latest measured sample's lag; undefined when none could. */
  lastLag: number | undefined;
  /** Samples that measured the lag. */
  samples: number;
  /** Samples that could not (the group had no commit and no partition assigned). */
  unknownSamples: number;
  /** Why the first of those could not; undefined when all measured. */
  unknownReason: string | undefined;
  stages: { label: StageLabel; maxLag: number }[];
}

/** A sampler (or one consumer group of the Kafka sampler) that failed during the run. */
export interface SamplerErrorSummary {
  source: string;
  /** The consumer group the errors are about, for a group the broker did not know. */
  group?: string;
  /** Failures, including the suppressed ones. */
  errors: number;
  /** The first error's message. */
  firstError: string;
  /** First and last failure, ISO 8601. */
  firstAt: string;
  lastAt: string;
  /**
   * The first failed read after a successful one: when the source stopped answering mid-run. Undefined
   * when it failed from its first read on (never answered).
   */
  stoppedAnsweringAt?: string;
  /** The last successful read before stoppedAnsweringAt. */
  lastAnswerAt?: string;
}

/** One key bucket of the cache hit ratio (tag `id_bucket` of `cache_hit`). */
export interface CacheKeyBucket {
  bucket: string;
  samples: number;
  /** This bucket's share of all samples after warm-up. */
  share: number;
  hitRatio: number;
}

/** The caching check (docs/runbook.md §6) on `cache_hit` samples after warm-up. */
export interface CachingAnalysis {
  /** The warm-up left out, in seconds of this run (config cacheWarmupS × time scale). */
  warmupS: number;
  /** Samples after warm-up. */
  samples: number;
  /** Hit ratio after warm-up; undefined when no samples followed warm-up. */
  hitRatio: number | undefined;
  target: number;
  /** undefined when there were no samples after warm-up. */
  meetsTarget: boolean | undefined;
  /** The topN buckets with most samples after warm-up, most first. */
  topKeys: CacheKeyBucket[];
}

/** Least-squares line through heap samples over time. */
export interface HeapTrend {
  source: string;
  samples: number;
  /** Time the samples span, in seconds. */
  spanS: number;
  /** Slope of heap in use, MiB per hour (of the run's own clock; not rescaled by time scale). */
  slopeMiBPerHour: number;
  /** Coefficient of determination of the fit, 0 to 1. */
  r2: number;
  thresholdMiBPerHour: number;
  /** slope above threshold with r2 ≥ 0.5. */
  suspectedLeak: boolean;
}

/** Chart data: one point per `bucketS` seconds. Times are seconds since the run started. */
export interface RunSeries {
  bucketS: number;
  latency: { scenario: string; second: number; p50: number; p95: number; p99: number }[];
  rate: { scenario: string; second: number; achieved: number; target: number }[];
  errors: { scenario: string; second: number; httpFailed: number; checksFailed: number }[];
  vus: { second: number; vus: number }[];
  saturation: { source: string; second: number; cpuPercent: number | undefined; heapUsedMiB: number | undefined }[];
  kafkaLag: { group: string; second: number; lag: number }[];
}

/** Most points a chart line gets; longer runs are bucketed into wider seconds. */
export const MAX_SERIES_POINTS = 600;

/** Most histogram windows a scenario keeps; longer runs get windows wider than 5 s. */
export const MAX_HISTOGRAM_WINDOWS = 720;
