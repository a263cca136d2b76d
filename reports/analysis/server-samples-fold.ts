import type { StageLabel } from '../../phases/index.ts';
import type { ServerSample } from '../samplers/server-sample.ts';
import { HeapTrendFold } from './heap-trend.ts';
import type { TimedServerSample } from './read-server-samples.ts';
import type { HeapTrend, KafkaLagAnalysis, SamplerErrorSummary, SaturationAnalysis } from './run-analysis.ts';
import { stripCredentials } from './run-facts.ts';
import type { SeriesFold } from './run-series.ts';
import { SaturationWindowFold } from './saturation-window-fold.ts';

/** A stage window of the run, offsets from its start in ms. */
export interface StageWindow {
  label: StageLabel;
  startMs: number;
  endMs: number;
}

/** What the server samples of a run add up to. */
export interface ServerAnalysis {
  saturation: SaturationAnalysis[];
  kafkaLag: KafkaLagAnalysis[];
  samplerErrors: SamplerErrorSummary[];
  heapTrend: HeapTrend | undefined;
}

interface SourceFold {
  whole: SaturationWindowFold;
  stages: Map<StageLabel, SaturationWindowFold>;
}

interface GroupFold {
  maxLag: number | undefined;
  lastLag: number | undefined;
  lastMs: number;
  samples: number;
  unknownSamples: number;
  unknownReason: string | undefined;
  stages: Map<StageLabel, number>;
}

/**
 * Folds `server.ndjson` samples into saturation per source (whole run and per stage label), lag per
 * consumer group, sampler failures and the heap trend, and feeds the chart series. A sample's stage is
 * the plan's stage at its time since the run started: before the start it is the first, after the end the
 * last. Memory grows with the number of sources, never with the run's length.
 */
export class ServerSamplesFold {
  private readonly sources = new Map<string, SourceFold>();
  private readonly groups = new Map<string, GroupFold>();
  private readonly errors = new Map<string, SamplerErrorSummary>();
  private readonly heap = new Map<string, HeapTrendFold>();
  private readonly labels: StageLabel[];

  constructor(
    private readonly startedAt: number,
    private readonly stages: readonly StageWindow[],
    private readonly series?: SeriesFold,
  ) {
    this.labels = [...new Set(stages.map((stage) => stage.label))];
  }

  add({ timeMs, sample }: TimedServerSample): void {
    const elapsedMs = timeMs - this.startedAt;
    const source = stripCredentials(sample.source);
    switch (sample.kind) {
      case 'saturation':
        return this.addSaturation(source, elapsedMs, timeMs, sample);
      case 'kafka-lag':
        return this.addLag(elapsedMs, timeMs, sample);
      case 'sampler-error':
        return this.addError(source, timeMs, sample);
      default:
        return sample satisfies never;
    }
  }

  /** The analysis; `leakMiBPerHour` is the heap growth above which a good fit flags a leak. */
  result(leakMiBPerHour: number): ServerAnalysis {
    const ordered = <T>(stages: Map<StageLabel, T>) =>
      this.labels.filter((label) => stages.has(label)).map((label) => [label, stages.get(label)!] as const);
    const firstHeap = [...this.heap.values()].find((fold) => fold.samples > 0);
    return {
      saturation: [...this.sources].map(([source, fold]) => ({
        source,
        whole: fold.whole.window(),
        stages: ordered(fold.stages).map(([label, window]) => ({ label, window: window.window() })),
      })),
      kafkaLag: [...this.groups].map(([group, fold]) => ({
        group,
        maxLag: fold.maxLag,
        lastLag: fold.lastLag,
        samples: fold.samples,
        unknownSamples: fold.unknownSamples,
        unknownReason: fold.unknownReason,
        stages: ordered(fold.stages).map(([label, maxLag]) => ({ label, maxLag })),
      })),
      samplerErrors: [...this.errors.values()],
      heapTrend: firstHeap?.result(leakMiBPerHour),
    };
  }

  private labelAt(elapsedMs: number): StageLabel | undefined {
    return (this.stages.find((stage) => elapsedMs < stage.endMs) ?? this.stages.at(-1))?.label;
  }

  private addSaturation(source: string, elapsedMs: number, timeMs: number, sample: Extract<ServerSample, { kind: 'saturation' }>): void {
    let fold = this.sources.get(source);
    if (!fold) this.sources.set(source, (fold = { whole: new SaturationWindowFold(), stages: new Map() }));
    fold.whole.add(sample);
    const label = this.labelAt(elapsedMs);
    if (label) {
      let stage = fold.stages.get(label);
      if (!stage) fold.stages.set(label, (stage = new SaturationWindowFold()));
      stage.add(sample);
    }
    if (sample.heapUsedBytes !== undefined && Number.isFinite(sample.heapUsedBytes)) {
      let heap = this.heap.get(source);
      if (!heap) this.heap.set(source, (heap = new HeapTrendFold(source)));
      heap.add(timeMs, sample.heapUsedBytes);
    }
    const heapMiB = sample.heapUsedBytes === undefined ? undefined : sample.heapUsedBytes / 2 ** 20;
    this.series?.addSaturation(elapsedMs / 1000, source, sample.cpuPercent, heapMiB);
  }

  private addLag(elapsedMs: number, timeMs: number, sample: Extract<ServerSample, { kind: 'kafka-lag' }>): void {
    let fold = this.groups.get(sample.group);
    if (!fold) {
      fold = { maxLag: undefined, lastLag: undefined, lastMs: -Infinity, samples: 0, unknownSamples: 0, unknownReason: undefined, stages: new Map() };
      this.groups.set(sample.group, fold);
    }
    if (sample.status === 'unknown') {
      fold.unknownSamples++;
      fold.unknownReason ??= String(sample.reason);
      return;
    }
    const lag = sample.total;
    if (!Number.isFinite(lag)) return;
    fold.samples++;
    fold.maxLag = Math.max(fold.maxLag ?? 0, lag);
    if (timeMs >= fold.lastMs) {
      fold.lastMs = timeMs;
      fold.lastLag = lag;
    }
    const label = this.labelAt(elapsedMs);
    if (label) fold.stages.set(label, Math.max(fold.stages.get(label) ?? 0, lag));
    this.series?.addKafkaLag(elapsedMs / 1000, sample.group, lag);
  }

  /** Sums a source's failures, suppressed ones included, and keeps when it first stopped answering. */
  private addError(source: string, timeMs: number, sample: Extract<ServerSample, { kind: 'sampler-error' }>): void {
    const group = typeof sample.group === 'string' ? sample.group : undefined;
    const key = group === undefined ? source : `${source}\0${group}`;
    const failures = 1 + (Number.isFinite(sample.suppressed) ? sample.suppressed : 0);
    const since = typeof sample.failingSince === 'string' && !Number.isNaN(Date.parse(sample.failingSince)) ? Date.parse(sample.failingSince) : timeMs;
    const iso = (ms: number) => new Date(ms).toISOString();
    let summary = this.errors.get(key);
    if (!summary) {
      summary = { source, ...(group === undefined ? {} : { group }), errors: 0, firstError: String(sample.error), firstAt: iso(since), lastAt: iso(timeMs) };
      this.errors.set(key, summary);
    }
    summary.errors += failures;
    if (since < Date.parse(summary.firstAt)) summary.firstAt = iso(since);
    if (timeMs > Date.parse(summary.lastAt)) summary.lastAt = iso(timeMs);
    const answered = typeof sample.lastSuccessAt === 'string' ? Date.parse(sample.lastSuccessAt) : NaN;
    if (!Number.isNaN(answered) && (summary.stoppedAnsweringAt === undefined || since < Date.parse(summary.stoppedAnsweringAt))) {
      summary.stoppedAnsweringAt = iso(since);
      summary.lastAnswerAt = iso(answered);
    }
  }
}
