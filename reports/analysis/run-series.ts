import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { CoarseningBuckets } from './coarsening-buckets.ts';
import { HdrBucket } from './hdr-bucket.ts';
import { MAX_SERIES_POINTS, type RunSeries } from './run-analysis.ts';
import { SampledStatAccumulator } from './sampled-stat-accumulator.ts';
import type { SparseHistogram } from './sparse-histogram.ts';
import { targetRateBetween, type RatePiece } from './target-rate.ts';

/** Series width for a run of `totalS` seconds: 1 s, or wider so a line has at most MAX_SERIES_POINTS points. */
export function seriesBucketS(totalS: number): number {
  return Math.max(1, Math.ceil(totalS / MAX_SERIES_POINTS));
}

/** A scenario the series follow: its budget metric, and the plan's rate for the target (empty: 0). */
export interface SeriesScenario {
  name: string;
  metric: string;
  plannedRate: readonly RatePiece[];
}

interface ScenarioBucket {
  latency: HdrBucket;
  iterations: number;
  httpFailed: number;
  checksFailed: number;
}

interface SeriesBucket {
  scenarios: Map<string, ScenarioBucket>;
  /** Most VUs in any second of the bucket, every scenario together. */
  vus: number | undefined;
  saturation: Map<string, { cpu: SampledStatAccumulator; heap: SampledStatAccumulator }>;
  kafkaLag: Map<string, number>;
}

function scenarioBucket(bucket: SeriesBucket, name: string): ScenarioBucket {
  let entry = bucket.scenarios.get(name);
  if (!entry) bucket.scenarios.set(name, (entry = { latency: new HdrBucket(), iterations: 0, httpFailed: 0, checksFailed: 0 }));
  return entry;
}

function saturationOf(bucket: SeriesBucket, source: string) {
  let entry = bucket.saturation.get(source);
  if (!entry) bucket.saturation.set(source, (entry = { cpu: new SampledStatAccumulator(), heap: new SampledStatAccumulator() }));
  return entry;
}

function mergeBuckets(into: SeriesBucket, from: SeriesBucket): void {
  for (const [name, entry] of from.scenarios) {
    const target = scenarioBucket(into, name);
    target.latency.merge(entry.latency);
    target.iterations += entry.iterations;
    target.httpFailed += entry.httpFailed;
    target.checksFailed += entry.checksFailed;
  }
  if (from.vus !== undefined) into.vus = Math.max(into.vus ?? 0, from.vus);
  for (const [source, entry] of from.saturation) {
    const target = saturationOf(into, source);
    target.cpu.merge(entry.cpu);
    target.heap.merge(entry.heap);
  }
  for (const [group, lag] of from.kafkaLag) into.kafkaLag.set(group, Math.max(into.kafkaLag.get(group) ?? 0, lag));
}

/**
 * Chart series, folded as records stream by: per bucket of `bucketS` seconds and scenario, p50/p95/p99 of
 * the budget metric from one merged HDR histogram (never averaged percentiles), iterations/s against the
 * plan's target, failed requests and checks; most VUs; and the server samples (mean CPU and heap, most
 * lag). Memory is at most MAX_SERIES_POINTS buckets; the width doubles if a run outgrows its first width.
 */
export class SeriesFold {
  private readonly buckets: CoarseningBuckets<SeriesBucket>;
  private readonly scenarios: Map<string, SeriesScenario>;
  private vusSecond = -1;
  private vusSum = 0;

  constructor(bucketS: number, scenarios: readonly SeriesScenario[] = []) {
    this.scenarios = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
    this.buckets = new CoarseningBuckets<SeriesBucket>(bucketS, MAX_SERIES_POINTS, {
      create: () => ({ scenarios: new Map(), vus: undefined, saturation: new Map(), kafkaLag: new Map() }),
      merge: mergeBuckets,
      seal: (bucket) => {
        for (const entry of bucket.scenarios.values()) entry.latency.seal();
      },
    });
  }

  /** Follows one more scenario (its records before this call are not counted). */
  addScenario(scenario: SeriesScenario): void {
    if (!this.scenarios.has(scenario.name)) this.scenarios.set(scenario.name, scenario);
  }

  /** Adds one timeline record; `decoded` is its histogram when the caller decoded it already. */
  addRecord(record: TimelineRecord, decoded?: SparseHistogram): void {
    if (record.metric === 'vus') {
      // One `vus` record per second holds every scenario; should a source split it by tags, add them up.
      if (record.second !== this.vusSecond) this.flushVus();
      this.vusSecond = record.second;
      this.vusSum += record.max;
      return;
    }
    const scenario = this.scenarios.get(record.tags.scenario ?? '');
    if (!scenario) return;
    switch (record.metric) {
      case scenario.metric:
        if (record.count > 0) scenarioBucket(this.buckets.at(record.second), scenario.name).latency.add(record, decoded);
        break;
      case 'iterations':
        scenarioBucket(this.buckets.at(record.second), scenario.name).iterations += record.sum;
        break;
      case 'http_req_failed':
        scenarioBucket(this.buckets.at(record.second), scenario.name).httpFailed += record.sum;
        break;
      case 'checks':
        scenarioBucket(this.buckets.at(record.second), scenario.name).checksFailed += record.count - record.sum;
        break;
    }
  }

  /** Adds a saturation sample taken `second` seconds after the run started (earlier samples are left out). */
  addSaturation(second: number, source: string, cpuPercent: number | undefined, heapUsedMiB: number | undefined): void {
    if (second < 0) return;
    const entry = saturationOf(this.buckets.at(second), source);
    entry.cpu.add(cpuPercent);
    entry.heap.add(heapUsedMiB);
  }

  /** Adds a consumer group's lag sampled `second` seconds after the run started. */
  addKafkaLag(second: number, group: string, lag: number): void {
    if (second < 0) return;
    const { kafkaLag } = this.buckets.at(second);
    kafkaLag.set(group, Math.max(kafkaLag.get(group) ?? 0, lag));
  }

  /**
   * The series; `seconds` is how long the run lasted, which trims the last bucket's width for rates.
   * `scenarios` keeps only those (default: every scenario followed).
   */
  result(seconds: number, scenarios?: ReadonlySet<string>): RunSeries {
    this.flushVus();
    const bucketS = this.buckets.widthS;
    const series: RunSeries = { bucketS, latency: [], rate: [], errors: [], vus: [], saturation: [], kafkaLag: [] };
    for (const { second, value } of this.buckets.list()) {
      const widthS = Math.max(1, Math.min(bucketS, seconds - second));
      for (const [name, entry] of value.scenarios) {
        if (scenarios && !scenarios.has(name)) continue;
        const percentiles = entry.latency.percentiles([50, 95, 99]);
        if (percentiles) {
          const [p50, p95, p99] = percentiles as [number, number, number];
          series.latency.push({ scenario: name, second, p50, p95, p99 });
        }
        const target = targetRateBetween(this.scenarios.get(name)!.plannedRate, second * 1000, (second + widthS) * 1000);
        series.rate.push({ scenario: name, second, achieved: entry.iterations / widthS, target });
        series.errors.push({ scenario: name, second, httpFailed: entry.httpFailed, checksFailed: entry.checksFailed });
      }
      if (value.vus !== undefined) series.vus.push({ second, vus: value.vus });
      for (const [source, { cpu, heap }] of value.saturation) {
        series.saturation.push({ source, second, cpuPercent: cpu.stat()?.mean, heapUsedMiB: heap.stat()?.mean });
      }
      for (const [group, lag] of value.kafkaLag) series.kafkaLag.push({ group, second, lag });
    }
    return series;
  }

  private flushVus(): void {
    if (this.vusSecond < 0) return;
    const bucket = this.buckets.at(this.vusSecond);
    bucket.vus = Math.max(bucket.vus ?? 0, this.vusSum);
    this.vusSecond = -1;
    this.vusSum = 0;
  }
}
