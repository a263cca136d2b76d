import { formatMs, formatNumber, formatPercent } from '../render/format.ts';
import type {
  BaselineDocument,
  BaselineSampledStat,
  BaselineSaturationWindow,
  BaselineScenario,
  BaselineSignals,
} from './baseline-document.ts';
import { md, plain, type MarkdownText } from './markdown-text.ts';

/** One row of a golden-signals table; every cell pre-escaped. */
export interface SignalsRowView {
  window: MarkdownText;
  p50: MarkdownText;
  p95: MarkdownText;
  p99: MarkdownText;
  max: MarkdownText;
  budget: MarkdownText;
  errorRate: MarkdownText;
  failedChecks: MarkdownText;
  throughput: MarkdownText;
  achieved: MarkdownText;
  dropped: MarkdownText;
}

/** One scenario's section. */
export interface ScenarioView {
  name: MarkdownText;
  metric: MarkdownText;
  budget: MarkdownText;
  rows: SignalsRowView[];
  /** Spike recovery; false without a burst. recoveredAfter is false when the run ended before recovery. */
  recovery: { burstEnd: MarkdownText; baselineP95: MarkdownText; recoveredAfter: MarkdownText | false } | false;
}

/** One row of a saturation table. */
export interface SaturationRowView {
  window: MarkdownText;
  cpu: MarkdownText;
  heap: MarkdownText;
  eventLoopLag: MarkdownText;
  queuedTasks: MarkdownText;
  gcPauses: MarkdownText;
}

/**
 * What the baseline templates see. Text is MarkdownText (escaped), conditions are booleans and lists are
 * arrays: no object is keyed by a run's value, so `@key` never prints one unescaped.
 */
export interface BaselineView {
  phase: MarkdownText;
  date: MarkdownText;
  /** Why the run is partial; false for a whole run. */
  partial: MarkdownText | false;
  provenance: {
    commit: MarkdownText;
    dirty: boolean;
    unknownCommit: boolean;
    version: MarkdownText;
    cores: MarkdownText;
    workers: MarkdownText;
    target: MarkdownText;
    rate: MarkdownText;
    timeScale: MarkdownText;
    configSha256: MarkdownText;
    runId: MarkdownText;
    source: MarkdownText;
    createdAt: MarkdownText;
    seconds: MarkdownText;
  };
  twin: { name: MarkdownText; href: MarkdownText };
  scenarios: ScenarioView[];
  hasSaturation: boolean;
  saturation: { source: MarkdownText; rows: SaturationRowView[] }[];
  hasKafkaLag: boolean;
  kafkaLag: { group: MarkdownText; maxLag: MarkdownText; lastLag: MarkdownText; samples: MarkdownText; stages: MarkdownText }[];
  caching: { hasSamples: boolean; hitRatio: MarkdownText; target: MarkdownText; verdict: MarkdownText; samples: MarkdownText; warmup: MarkdownText } | false;
  heapTrend: { source: MarkdownText; slope: MarkdownText; r2: MarkdownText; threshold: MarkdownText; span: MarkdownText; leak: boolean } | false;
  hasSamplerErrors: boolean;
  samplerErrors: { source: MarkdownText; errors: MarkdownText; firstError: MarkdownText }[];
}

const msOrDash = (value: number | null | undefined) => formatMs(value ?? undefined);
const numberOrDash = (value: number | null | undefined, digits?: number) => formatNumber(value ?? undefined, digits);

function signalsRow(window: string, signals: BaselineSignals, budgetP95Ms: number | null): SignalsRowView {
  const { latency, errors, traffic } = signals;
  const achieved = `${formatNumber(traffic.iterationsPerS)} / ${formatNumber(traffic.targetRate)} (${formatPercent(traffic.achievedRatio ?? undefined, 1)})`;
  return {
    window: md(window),
    p50: plain(msOrDash(latency?.p50)),
    p95: plain(msOrDash(latency?.p95)),
    p99: plain(msOrDash(latency?.p99)),
    max: plain(msOrDash(latency?.max)),
    budget: plain(numberOrDash(budgetP95Ms, 3)),
    errorRate: plain(formatPercent(errors.httpFailedRate ?? undefined)),
    failedChecks: plain(errors.checks === 0 ? '—' : `${formatNumber(errors.checksFailed, 0)} (${formatPercent(errors.checksFailedRate ?? undefined)})`),
    throughput: plain(formatNumber(traffic.eventsPerS)),
    achieved: plain(achieved),
    dropped: plain(formatNumber(traffic.droppedIterations, 0)),
  };
}

function scenarioView(scenario: BaselineScenario): ScenarioView {
  const { recovery } = scenario;
  return {
    name: md(scenario.name),
    metric: md(scenario.metric),
    budget: plain(scenario.budgetP95Ms === null ? 'none' : `p95 ${formatNumber(scenario.budgetP95Ms, 3)} ms`),
    rows: [
      signalsRow('whole run', scenario.whole, scenario.budgetP95Ms),
      ...scenario.stages.map((stage) => signalsRow(stage.label, stage.signals, scenario.budgetP95Ms)),
    ],
    recovery: recovery !== null && {
      burstEnd: plain(`${formatNumber(recovery.burstEndSecond)} s`),
      baselineP95: plain(`${msOrDash(recovery.baselineP95)} ms`),
      recoveredAfter: recovery.recoverySeconds !== null && plain(`${formatNumber(recovery.recoverySeconds)} s`),
    },
  };
}

const meanMax = (stat: BaselineSampledStat | null, digits = 1) =>
  stat ? `${formatNumber(stat.mean, digits)} / ${formatNumber(stat.max, digits)}` : '—';

function saturationRow(window: string, stats: BaselineSaturationWindow): SaturationRowView {
  const gc = stats.gcPauses;
  return {
    window: md(window),
    cpu: plain(meanMax(stats.cpuPercent)),
    heap: plain(meanMax(stats.heapUsedMiB)),
    eventLoopLag: plain(meanMax(stats.eventLoopLagMs, 2)),
    queuedTasks: plain(meanMax(stats.queuedTasks)),
    gcPauses: plain(gc ? `${formatNumber(gc.count, 0)}, ${formatMs(gc.totalMs)} ms total${gc.maxMs === null ? '' : `, longest ${formatMs(gc.maxMs)} ms`}` : '—'),
  };
}

/** The templates' view of a baseline: every value formatted and escaped for markdown. */
export function baselineView(doc: BaselineDocument, twinFileName: string): BaselineView {
  const { run, provenance } = doc;
  return {
    phase: md(doc.phase),
    date: md(doc.date),
    partial: doc.partial === undefined ? false : md(doc.partial),
    provenance: {
      commit: plain(provenance.gitCommit === 'unknown' ? 'unknown' : provenance.gitCommit.slice(0, 12)),
      dirty: provenance.gitDirty === true,
      unknownCommit: provenance.gitCommit === 'unknown',
      version: md(provenance.loadbookVersion),
      cores: plain(numberOrDash(run.cores, 0)),
      workers: plain(numberOrDash(run.workers, 0)),
      target: md(run.target ?? '—'),
      rate: plain(numberOrDash(run.baselineRate)),
      timeScale: plain(formatNumber(run.timeScale, 4)),
      configSha256: plain(run.configSha256 === null ? '—' : run.configSha256.slice(0, 12)),
      runId: md(run.id),
      source: md(run.source),
      createdAt: md(run.createdAt),
      seconds: plain(formatNumber(run.seconds, 0)),
    },
    twin: { name: md(twinFileName), href: md(twinFileName) },
    scenarios: doc.scenarios.map(scenarioView),
    hasSaturation: doc.saturation.length > 0,
    saturation: doc.saturation.map((source) => ({
      source: md(source.source),
      rows: [saturationRow('whole run', source.whole), ...source.stages.map((stage) => saturationRow(stage.label, stage.window))],
    })),
    hasKafkaLag: doc.kafkaLag.length > 0,
    kafkaLag: doc.kafkaLag.map((lag) => ({
      group: md(lag.group),
      maxLag: plain(formatNumber(lag.maxLag, 0)),
      lastLag: plain(formatNumber(lag.lastLag, 0)),
      samples: plain(formatNumber(lag.samples, 0)),
      stages: plain(lag.stages.map((stage) => `${stage.label} ${formatNumber(stage.maxLag, 0)}`).join(', ') || '—'),
    })),
    caching: doc.caching !== null && {
      hasSamples: doc.caching.hitRatio !== null,
      hitRatio: plain(formatPercent(doc.caching.hitRatio ?? undefined, 1)),
      target: plain(formatPercent(doc.caching.target, 1)),
      verdict: plain(doc.caching.meetsTarget === null ? 'no samples after warm-up' : doc.caching.meetsTarget ? 'meets the target' : 'below the target'),
      samples: plain(formatNumber(doc.caching.samples, 0)),
      warmup: plain(formatNumber(doc.caching.warmupS)),
    },
    heapTrend: doc.heapTrend !== null && {
      source: md(doc.heapTrend.source),
      slope: plain(formatNumber(doc.heapTrend.slopeMiBPerHour, 2)),
      r2: plain(formatNumber(doc.heapTrend.r2, 2)),
      threshold: plain(formatNumber(doc.heapTrend.thresholdMiBPerHour, 2)),
      span: plain(formatNumber(doc.heapTrend.spanS, 0)),
      leak: doc.heapTrend.suspectedLeak,
    },
    hasSamplerErrors: doc.samplerErrors.length > 0,
    samplerErrors: doc.samplerErrors.map((entry) => ({
      source: md(entry.source),
      errors: plain(formatNumber(entry.errors, 0)),
      firstError: md(entry.firstError),
    })),
  };
}
