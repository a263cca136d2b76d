import { Aggregate } from '../../engine/metrics/aggregate.ts';
import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { latencyOf, type LatencyStats } from './percentiles-over.ts';
import { mergeTrend, sparseOfRecord, type SparseHistogram } from './sparse-histogram.ts';

/** Errors of a window: failed HTTP requests (k6's http_req_failed) and failed checks. */
export interface ErrorSignals {
  /** Samples of http_req_failed (HTTP requests made). */
  httpRequests: number;
  httpFailed: number;
  /** httpFailed / httpRequests; undefined without HTTP requests. */
  httpFailedRate: number | undefined;
  checks: number;
  checksFailed: number;
  /** checksFailed / checks; undefined without checks. */
  checksFailedRate: number | undefined;
}

/** Traffic of a window, achieved against the plan's target. */
export interface TrafficSignals {
  iterations: number;
  iterationsPerS: number;
  /** http_reqs. */
  requests: number;
  requestsPerS: number;
  /** Samples of the budget metric: HTTP requests, gRPC calls, broadcasts received or events published. */
  events: number;
  eventsPerS: number;
  /** The plan's mean iterations/s over the window. */
  targetRate: number;
  /** iterationsPerS / targetRate; undefined when the target is 0. */
  achievedRatio: number | undefined;
  droppedIterations: number;
}

/** Golden signals of one scenario over one window (a stage label, or the whole run). */
export interface GoldenSignals {
  /** Length of the window in seconds, from the plan; the denominator of every rate. */
  durationS: number;
  /** The budget metric's latency; undefined when it has no samples in the window. */
  latency: LatencyStats | undefined;
  errors: ErrorSignals;
  traffic: TrafficSignals;
}

/**
 * Folds timeline records of one scenario and window into golden signals as they stream by: a single
 * merged HDR histogram plus a few counters, whatever the run's length.
 */
export class SignalsAccumulator {
  readonly latency = new Aggregate('trend', 'time');
  private httpRequests = 0;
  private httpFailed = 0;
  private checks = 0;
  private checksFailed = 0;
  private iterations = 0;
  private requests = 0;
  private dropped = 0;

  constructor(private readonly budgetMetric: string) {}

  /** Adds one record; `decoded` is its histogram, decoded once by the caller for several accumulators. */
  add(record: TimelineRecord, decoded?: SparseHistogram): void {
    switch (record.metric) {
      case this.budgetMetric:
        mergeTrend(this.latency, record, decoded ?? sparseOfRecord(record));
        break;
      case 'http_req_failed':
        this.httpRequests += record.count;
        this.httpFailed += record.sum;
        break;
      case 'checks':
        this.checks += record.count;
        this.checksFailed += record.count - record.sum;
        break;
      case 'iterations':
        this.iterations += record.sum;
        break;
      case 'http_reqs':
        this.requests += record.sum;
        break;
      case 'dropped_iterations':
        this.dropped += record.sum;
        break;
    }
  }

  /** The signals so far, over a window of `durationS` seconds whose planned mean rate is `target`. */
  signals(durationS: number, target: number): GoldenSignals {
    const perS = (value: number) => (durationS > 0 ? value / durationS : 0);
    const iterationsPerS = perS(this.iterations);
    return {
      durationS,
      latency: latencyOf(this.latency),
      errors: {
        httpRequests: this.httpRequests,
        httpFailed: this.httpFailed,
        httpFailedRate: this.httpRequests > 0 ? this.httpFailed / this.httpRequests : undefined,
        checks: this.checks,
        checksFailed: this.checksFailed,
        checksFailedRate: this.checks > 0 ? this.checksFailed / this.checks : undefined,
      },
      traffic: {
        iterations: this.iterations,
        iterationsPerS,
        requests: this.requests,
        requestsPerS: perS(this.requests),
        events: this.latency.count,
        eventsPerS: perS(this.latency.count),
        targetRate: target,
        achievedRatio: target > 0 ? iterationsPerS / target : undefined,
        droppedIterations: this.dropped,
      },
    };
  }
}
