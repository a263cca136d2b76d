import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonSyntaxReason, LoadbookError } from '../../engine/errors.ts';
import { isScenarioName, SCENARIOS } from '../../lib/scenarios.ts';
import type { Plan } from '../../plan/build-plan.ts';
import { budgetMetrics } from './budget-metrics.ts';
import { CachingCheck } from './caching-check.ts';
import { checkRunPlan } from './check-run-plan.ts';
import { histogramWindowS } from './histogram-windows.ts';
import { paceScenarioOf, PaceRouting } from './pace-routing.ts';
import { readExemplars } from './read-exemplars.ts';
import { readServerSamples } from './read-server-samples.ts';
import { readTimeline } from './read-timeline.ts';
import type { PartialRun, RunAnalysis } from './run-analysis.ts';
import { reportsSettings, runFacts } from './run-facts.ts';
import { SeriesFold, seriesBucketS } from './run-series.ts';
import { ScenarioFold } from './scenario-fold.ts';
import { ServerSamplesFold } from './server-samples-fold.ts';
import { plannedRate, type RatePiece } from './target-rate.ts';
import { TimelineFold } from './timeline-fold.ts';
import { checkTimelineLine } from './timeline-line.ts';

/**
 * Seconds a run folder may hold past the plan's `totalMs`: k6's default gracefulStop (30 s), teardown,
 * and the samplers' last samples. Widths are sized for them upfront, so the tail of a run does not
 * double the width of every bucket.
 */
export const RUN_TAIL_S = 35;

/** The scenario whose `cache_hit` samples the caching check (docs/runbook.md §6) reads. */
export const CACHING_SCENARIO = 'product-get';

/**
 * Analyses a run folder: `plan.json`, `timeline.ndjson.gz`, and, when present, `server.ndjson` and
 * `exemplars.json`. Golden signals of each scenario's budget metric for the whole run and each stage
 * label, spike recovery, merged histograms, saturation, Kafka lag, the caching check, the heap trend and
 * chart series. Everything is folded as it streams by, into structures sized from the plan upfront
 * (at most MAX_SERIES_POINTS buckets, MAX_HISTOGRAM_WINDOWS windows), so memory does not grow with the
 * run's length.
 *
 * @throws Error when plan.json or the timeline is missing or malformed.
 */
export async function analyzeRun(runDir: string): Promise<RunAnalysis> {
  const plan = await readRunPlan(join(runDir, 'plan.json'));
  const settings = reportsSettings(plan);
  const run = runFacts(runDir, plan);
  // Plans always carry totalMs; hand-written ones in tests may give only the scenarios'.
  const totalS = (plan.totalMs ?? Math.max(0, ...plan.scenarios.map((scenario) => scenario.totalMs))) / 1000;
  const metrics = budgetMetrics(plan.options.thresholds as Record<string, readonly unknown[]> | undefined);
  const planned = new Map(plan.scenarios.map((scenario) => [scenario.name as string, scenario]));

  const series = new SeriesFold(seriesBucketS(totalS + RUN_TAIL_S));
  const caching = new CachingCheck({
    warmupS: settings.cacheWarmupS * run.timeScale,
    target: settings.cacheHitTarget,
    topN: settings.topN,
    scenario: CACHING_SCENARIO,
  });
  const timeline = new TimelineFold({
    scenarioFor(name) {
      const scenario = planned.get(name);
      const metric = metrics.get(name);
      if (!scenario || !metric) return undefined;
      const { budgetP95Ms, stages, totalMs } = scenario;
      const plannedRate = plannedRateOf(plan, name, stages);
      return new ScenarioFold({ name, metric, budgetP95Ms, stages, plannedRate, totalMs, windowS: histogramWindowS(totalS + RUN_TAIL_S) });
    },
    series,
    caching,
    pace: new PaceRouting(paceScenarios(plan)),
  });
  timeline.plan([...planned.keys()]);
  const timelinePath = join(runDir, 'timeline.ndjson.gz');
  let partial: PartialRun | undefined;
  const onCut = (reason: string) => (partial = { kind: 'cut', reason });
  let record = 0;
  for await (const line of readTimeline(timelinePath, onCut)) timeline.add(checkTimelineLine(line, `timeline record ${++record} in ${timelinePath}`));
  timeline.finish();
  if (timeline.stopped) partial ??= { kind: 'stopped', ...timeline.stopped };
  // A timeline cut inside its header still has a run: it started when the plan was made.
  if (timeline.startedAt === 0) timeline.startedAt = Date.parse(plan.createdAt);

  const stageWindows = run.stages.map(({ label, startS, endS }) => ({ label, startMs: startS * 1000, endMs: endS * 1000 }));
  const server = new ServerSamplesFold(timeline.startedAt, stageWindows, series);
  for await (const sample of readServerSamples(join(runDir, 'server.ndjson'))) server.add(sample);
  const { saturation, kafkaLag, samplerErrors, heapTrend } = server.result(settings.leakMibPerHour);

  return {
    run,
    phase: plan.phase,
    startedAt: timeline.startedAt,
    seconds: timeline.seconds,
    scenarios: timeline.scenarioFolds().map((fold) => fold.result(timeline.seconds)),
    saturation,
    kafkaLag,
    samplerErrors,
    caching: caching.result(),
    heapTrend,
    exemplars: await readExemplars(join(runDir, 'exemplars.json')),
    series: series.result(timeline.seconds),
    ...(partial && { partial }),
  };
}

/** The rate planned for a scenario: that of the k6 scenario carrying its pace (lib/scenarios.ts), as the executor played it. */
function plannedRateOf(plan: Plan, name: string, stages: Plan['scenarios'][number]['stages']): RatePiece[] {
  return plannedRate(plan.options?.scenarios?.[paceScenarioOf(name)], stages);
}

/** A run's plan.json, checked for the fields the analysis reads. */
async function readRunPlan(file: string): Promise<Plan> {
  const text = await readFile(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LoadbookError(`invalid ${file}; expected JSON, got ${jsonSyntaxReason(error)}; run the phase again to write a new plan`);
  }
  return checkRunPlan(parsed, file);
}

/** k6 scenarios that carry the rate of a planned scenario other than the one of its own name (lib/scenarios.ts). */
function paceScenarios(plan: Plan): Map<string, string> {
  const paces = new Map<string, string>();
  for (const { name } of plan.scenarios) {
    const pace = isScenarioName(name) ? SCENARIOS[name].paceScenario : undefined;
    if (pace !== undefined) paces.set(pace, name);
  }
  return paces;
}
