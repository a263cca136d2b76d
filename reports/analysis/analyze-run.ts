import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Aggregate } from '../../engine/metrics/aggregate.ts';
import { decodeHistogram, encodeHistogram } from '../../engine/metrics/hdr.ts';
import type { Plan, PlanScenario } from '../../plan/build-plan.ts';
import type { PhaseStage, StageLabel } from '../../phases/index.ts';
import { budgetMetrics } from './budget-metrics.ts';
import { readTimeline } from './read-timeline.ts';
import { RecoveryTracker } from './recovery-time.ts';
import { runFacts } from './run-facts.ts';
import type { RunAnalysis, ScenarioAnalysis } from './run-analysis.ts';
import { SignalsAccumulator } from './signals-accumulator.ts';
import { targetRate } from './target-rate.ts';

const RECOVERY_TOLERANCE = 0.1;

/** Per-scenario streaming state. */
class ScenarioFold {
  readonly whole: SignalsAccumulator;
  readonly stages = new Map<StageLabel, { stages: PhaseStage[]; accumulator: SignalsAccumulator }>();
  readonly burstEndSecond: number | undefined;
  tracker: RecoveryTracker | undefined;
  baselineP95: number | undefined;
  second: Aggregate | undefined;

  constructor(
    readonly plan: PlanScenario,
    readonly metric: string,
  ) {
    this.whole = new SignalsAccumulator(metric);
    for (const stage of plan.stages) {
      let entry = this.stages.get(stage.label);
      if (!entry) this.stages.set(stage.label, (entry = { stages: [], accumulator: new SignalsAccumulator(metric) }));
      entry.stages.push(stage);
    }
    const labels = plan.stages.map((stage) => stage.label);
    const lastBurst = labels.lastIndexOf('burst');
    if (lastBurst > 0 && labels.slice(0, lastBurst).includes('steady')) this.burstEndSecond = plan.stages[lastBurst]!.endMs / 1000;
  }

  /** The plan's stage label at a second, for records the VUs did not tag (dropped_iterations). */
  labelAt(second: number): StageLabel {
    const ms = second * 1000;
    return (this.plan.stages.find((stage) => ms < stage.endMs) ?? this.plan.stages.at(-1)!).label;
  }

  /** Closes the current second for recovery tracking. */
  endSecond(second: number): void {
    if (this.burstEndSecond === undefined) return;
    const current = this.second;
    this.second = undefined;
    if (!current || current.count === 0 || second < Math.ceil(this.burstEndSecond)) return;
    if (!this.tracker) {
      this.baselineP95 = this.stages.get('steady')!.accumulator.latency.stat('p(95)', 0);
      if (this.baselineP95 === undefined) return;
      this.tracker = new RecoveryTracker({
        burstEndSecond: this.burstEndSecond,
        baselineP95: this.baselineP95,
        tolerance: RECOVERY_TOLERANCE,
      });
    }
    this.tracker.add({ second, p95: current.stat('p(95)', 0)! });
  }

  result(): ScenarioAnalysis {
    const whole = this.whole.signals(this.plan.totalMs / 1000, targetRate(this.plan.stages));
    const stages = [...this.stages].map(([label, { stages, accumulator }]) => ({
      label,
      signals: accumulator.signals(stages.reduce((ms, stage) => ms + stage.endMs - stage.startMs, 0) / 1000, targetRate(stages)),
    }));
    return {
      name: this.plan.name,
      metric: this.metric,
      budgetP95Ms: this.plan.budgetP95Ms,
      whole,
      stages,
      recovery:
        this.burstEndSecond === undefined
          ? undefined
          : { burstEndSecond: this.burstEndSecond, baselineP95: this.baselineP95, recoverySeconds: this.tracker?.recoveredAfter },
      histograms: {
        whole: this.whole.latency.count > 0 ? encodeHistogram(this.whole.latency.histogram!) : undefined,
        stages: Object.fromEntries(
          [...this.stages]
            .filter(([, { accumulator }]) => accumulator.latency.count > 0)
            .map(([label, { accumulator }]) => [label, encodeHistogram(accumulator.latency.histogram!)]),
        ),
        windowS: 5,
        windows: [],
      },
    };
  }
}

/**
 * Analyses a run folder (`plan.json` + `timeline.ndjson.gz`): golden signals of each scenario's budget
 * metric for the whole run and each stage label, plus spike recovery time. The timeline is streamed and
 * folded as it is read (one merged HDR histogram per scenario and stage), so memory does not grow with the
 * run's length. Records go to the stage their `stage` tag names, or, untagged, the plan's stage at that second.
 *
 * @throws Error when plan.json or the timeline is missing or malformed.
 */
export async function analyzeRun(runDir: string): Promise<RunAnalysis> {
  const plan = JSON.parse(await readFile(join(runDir, 'plan.json'), 'utf8')) as Plan;
  const metrics = budgetMetrics(plan.options.thresholds as Record<string, readonly unknown[]> | undefined);
  const folds = new Map<string, ScenarioFold>();
  for (const scenario of plan.scenarios) {
    const metric = metrics.get(scenario.name);
    if (metric) folds.set(scenario.name, new ScenarioFold(scenario, metric));
  }

  let startedAt = 0;
  let currentSecond = -1;
  for await (const record of readTimeline(join(runDir, 'timeline.ndjson.gz'))) {
    if (record.kind === 'header') {
      startedAt = record.startedAt;
      continue;
    }
    if (record.second !== currentSecond) {
      for (const fold of folds.values()) fold.endSecond(currentSecond);
      currentSecond = record.second;
    }
    const fold = folds.get(record.tags.scenario ?? '');
    if (!fold) continue;
    const decoded = record.metric === fold.metric && record.hdr ? decodeHistogram(record.hdr) : undefined;
    fold.whole.add(record, decoded);
    const label = (record.tags.stage as StageLabel | undefined) ?? fold.labelAt(record.second);
    fold.stages.get(label)?.accumulator.add(record, decoded);
    if (decoded && fold.burstEndSecond !== undefined) (fold.second ??= new Aggregate('trend', 'time')).merge(record, decoded);
  }
  for (const fold of folds.values()) fold.endSecond(currentSecond);

  return {
    run: runFacts(runDir, plan),
    phase: plan.phase,
    startedAt,
    seconds: currentSecond + 1,
    scenarios: [...folds.values()].map((fold) => fold.result()),
    saturation: [],
    kafkaLag: [],
    samplerErrors: [],
    caching: undefined,
    heapTrend: undefined,
    exemplars: [],
    series: { bucketS: 1, latency: [], rate: [], errors: [], vus: [], saturation: [], kafkaLag: [] },
  };
}
