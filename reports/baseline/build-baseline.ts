import { HDR_UNITS_PER_MS } from '../../engine/metrics/hdr.ts';
import { describePartial, type GoldenSignals, type RunAnalysis, type SampledStat, type SaturationWindow, type ScenarioAnalysis } from '../analysis/index.ts';
import {
  BASELINE_SCHEMA_VERSION,
  type BaselineDocument,
  type BaselineProvenance,
  type BaselineSampledStat,
  type BaselineSaturationWindow,
  type BaselineScenario,
  type BaselineSignals,
} from './baseline-document.ts';
import { baselineDate } from './baseline-date.ts';

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function signals(from: GoldenSignals): BaselineSignals {
  const { errors, traffic, latency } = from;
  return {
    durationS: from.durationS,
    latency: latency
      ? { count: latency.count, min: latency.min, avg: latency.avg, p50: latency.p50, p95: latency.p95, p99: latency.p99, max: latency.max }
      : null,
    errors: {
      httpRequests: errors.httpRequests,
      httpFailed: errors.httpFailed,
      httpFailedRate: orNull(errors.httpFailedRate),
      checks: errors.checks,
      checksFailed: errors.checksFailed,
      checksFailedRate: orNull(errors.checksFailedRate),
    },
    traffic: {
      iterations: traffic.iterations,
      iterationsPerS: traffic.iterationsPerS,
      requests: traffic.requests,
      requestsPerS: traffic.requestsPerS,
      events: traffic.events,
      eventsPerS: traffic.eventsPerS,
      targetRate: traffic.targetRate,
      achievedRatio: orNull(traffic.achievedRatio),
      droppedIterations: traffic.droppedIterations,
    },
  };
}

function scenario(from: ScenarioAnalysis): BaselineScenario {
  const { histograms, recovery } = from;
  return {
    name: from.name,
    metric: from.metric,
    budgetP95Ms: orNull(from.budgetP95Ms),
    whole: signals(from.whole),
    stages: from.stages.map((stage) => ({ label: stage.label, signals: signals(stage.signals) })),
    recovery: recovery
      ? { burstEndSecond: recovery.burstEndSecond, baselineP95: orNull(recovery.baselineP95), recoverySeconds: orNull(recovery.recoverySeconds) }
      : null,
    histograms: {
      encoding: 'hdr-compressed-base64',
      unitsPerMs: HDR_UNITS_PER_MS,
      whole: orNull(histograms.whole),
      // Plan order, as the stage signals are listed, rather than the record's key order.
      stages: from.stages.flatMap(({ label }) => {
        const hdr = histograms.stages[label];
        return hdr === undefined ? [] : [{ label, hdr }];
      }),
      windowS: histograms.windowS,
      windows: histograms.windows.map(({ second, hdr }) => ({ second, hdr })),
    },
  };
}

function sampled(stat: SampledStat | undefined): BaselineSampledStat | null {
  return stat ? { mean: stat.mean, max: stat.max, samples: stat.samples } : null;
}

function saturationWindow(window: SaturationWindow): BaselineSaturationWindow {
  const gc = window.gcPauses;
  return {
    cpuPercent: sampled(window.cpuPercent),
    heapUsedMiB: sampled(window.heapUsedMiB),
    eventLoopLagMs: sampled(window.eventLoopLagMs),
    queuedTasks: sampled(window.queuedTasks),
    gcPauses: gc ? { count: gc.count, totalMs: gc.totalMs, maxMs: orNull(gc.maxMs) } : null,
  };
}

/**
 * The JSON twin of a run's analysis: every number the markdown shows, the histograms behind them and where
 * the baseline came from. Series and exemplars stay out (they are the report's, not a baseline's).
 */
export function buildBaseline(analysis: RunAnalysis, provenance: BaselineProvenance): BaselineDocument {
  const { run } = analysis;
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    phase: analysis.phase,
    date: baselineDate(analysis),
    run: {
      source: run.source,
      id: run.id,
      createdAt: run.createdAt,
      startedAt: new Date(analysis.startedAt).toISOString(),
      seconds: analysis.seconds,
      target: orNull(run.target),
      baselineRate: orNull(run.baselineRate),
      timeScale: run.timeScale,
      configSha256: orNull(run.configSha256),
      cores: orNull(run.cores),
      workers: orNull(run.workers),
      stages: run.stages.map(({ label, startS, endS }) => ({ label, startS, endS })),
    },
    provenance: { gitCommit: provenance.gitCommit, gitDirty: provenance.gitDirty, loadbookVersion: provenance.loadbookVersion },
    scenarios: analysis.scenarios.map(scenario),
    saturation: analysis.saturation.map((source) => ({
      source: source.source,
      whole: saturationWindow(source.whole),
      stages: source.stages.map(({ label, window }) => ({ label, window: saturationWindow(window) })),
    })),
    // A group whose lag was never measured has no numbers to keep; the run's report says why.
    kafkaLag: analysis.kafkaLag.flatMap(({ group, maxLag, lastLag, samples, stages }) =>
      maxLag === undefined || lastLag === undefined ? [] : [{ group, maxLag, lastLag, samples, stages: stages.map(({ label, maxLag }) => ({ label, maxLag })) }],
    ),
    caching: analysis.caching
      ? {
          warmupS: analysis.caching.warmupS,
          samples: analysis.caching.samples,
          hitRatio: orNull(analysis.caching.hitRatio),
          target: analysis.caching.target,
          meetsTarget: orNull(analysis.caching.meetsTarget),
          topKeys: analysis.caching.topKeys.map(({ bucket, samples, share, hitRatio }) => ({ bucket, samples, share, hitRatio })),
        }
      : null,
    heapTrend: analysis.heapTrend
      ? {
          source: analysis.heapTrend.source,
          samples: analysis.heapTrend.samples,
          spanS: analysis.heapTrend.spanS,
          slopeMiBPerHour: analysis.heapTrend.slopeMiBPerHour,
          r2: analysis.heapTrend.r2,
          thresholdMiBPerHour: analysis.heapTrend.thresholdMiBPerHour,
          suspectedLeak: analysis.heapTrend.suspectedLeak,
        }
      : null,
    samplerErrors: analysis.samplerErrors.map(({ source, group, errors, firstError }) => ({
      source: group === undefined ? source : `${source}, group ${group}`,
      errors,
      firstError,
    })),
    ...(analysis.partial && { partial: describePartial(analysis.partial) }),
  };
}
