import { Aggregate } from '../../engine/metrics/aggregate.ts';
import { encodeHistogram } from '../../engine/metrics/hdr.ts';
import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import type { PhaseStage, StageLabel } from '../../phases/index.ts';
import { HistogramWindows } from './histogram-windows.ts';
import { RecoveryTracker } from './recovery-time.ts';
import type { ScenarioAnalysis } from './run-analysis.ts';
import { SignalsAccumulator } from './signals-accumulator.ts';
import { mergeTrend, type SparseHistogram } from './sparse-histogram.ts';
import { targetRateOver, type RatePiece } from './target-rate.ts';

const RECOVERY_TOLERANCE = 0.1;

/** The label of records that carry no stage tag when there is no plan to ask (stock k6 output). */
export const DEFAULT_STAGE_LABEL: StageLabel = 'steady';

/** What a scenario is analysed on. */
export interface ScenarioSpec {
  name: string;
  /** Its budget metric. */
  metric: string;
  budgetP95Ms: number | undefined;
  /** The plan's stages; empty without a plan (labels then come from `stage` tags, else `steady`). */
  stages: readonly PhaseStage[];
  /** The rate the executor was told to play (plannedRate); empty without a plan (target rate 0). */
  plannedRate: readonly RatePiece[];
  /** The planned length; undefined without a plan (the covered seconds are used). */
  totalMs: number | undefined;
  /** Width of the histogram windows, in seconds. */
  windowS: number;
}

interface StageEntry {
  stages: PhaseStage[];
  accumulator: SignalsAccumulator;
  /** Seconds with records of this label, for durations without a plan. */
  secondsSeen: number;
  lastSecond: number;
}

/**
 * One scenario's streaming state: golden signals whole and per stage label, histograms, spike recovery.
 * Records go to the stage their `stage` tag names, or, untagged, the plan's stage at that second.
 */
export class ScenarioFold {
  readonly whole: SignalsAccumulator;
  private readonly stages = new Map<StageLabel, StageEntry>();
  private readonly windows: HistogramWindows;
  private readonly burstEndSecond: number | undefined;
  private tracker: RecoveryTracker | undefined;
  private baselineP95: number | undefined;
  private second: Aggregate | undefined;

  constructor(readonly spec: ScenarioSpec) {
    this.whole = new SignalsAccumulator(spec.metric);
    this.windows = new HistogramWindows(spec.windowS);
    for (const stage of spec.stages) this.entry(stage.label).stages.push(stage);
    const labels = spec.stages.map((stage) => stage.label);
    const lastBurst = labels.lastIndexOf('burst');
    if (lastBurst > 0 && labels.slice(0, lastBurst).includes('steady')) this.burstEndSecond = spec.stages[lastBurst]!.endMs / 1000;
  }

  /** The plan's stage label at a second, for records the VUs did not tag (dropped_iterations). */
  labelAt(second: number): StageLabel {
    const ms = second * 1000;
    return (this.spec.stages.find((stage) => ms < stage.endMs) ?? this.spec.stages.at(-1))?.label ?? DEFAULT_STAGE_LABEL;
  }

  /** Adds one record of this scenario; `decoded` is its histogram when it is the budget metric. */
  add(record: TimelineRecord, decoded: SparseHistogram | undefined): void {
    this.whole.add(record, decoded);
    const label = (record.tags.stage as StageLabel | undefined) ?? this.labelAt(record.second);
    // With a plan, labels it does not know (none in practice) stay out of the stages, as before.
    const entry = this.spec.stages.length > 0 ? this.stages.get(label) : this.entry(label);
    if (entry) {
      entry.accumulator.add(record, decoded);
      if (entry.lastSecond !== record.second) {
        entry.lastSecond = record.second;
        entry.secondsSeen++;
      }
    }
    if (record.metric !== this.spec.metric) return;
    this.windows.add(record.second, record, decoded);
    if (this.burstEndSecond !== undefined) mergeTrend((this.second ??= new Aggregate('trend', 'time')), record, decoded);
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
      this.tracker = new RecoveryTracker({ burstEndSecond: this.burstEndSecond, baselineP95: this.baselineP95, tolerance: RECOVERY_TOLERANCE });
    }
    this.tracker.add({ second, p95: current.stat('p(95)', 0)! });
  }

  /** The analysis; `seconds` is what the timeline covered, the duration when there is no plan. */
  result(seconds: number): ScenarioAnalysis {
    const { spec } = this;
    const planned = spec.stages.length > 0;
    const whole = this.whole.signals(spec.totalMs !== undefined ? spec.totalMs / 1000 : seconds, targetRateOver(spec.plannedRate, spec.stages));
    const stages = [...this.stages].map(([label, entry]) => ({
      label,
      signals: entry.accumulator.signals(
        planned ? entry.stages.reduce((ms, stage) => ms + stage.endMs - stage.startMs, 0) / 1000 : entry.secondsSeen,
        targetRateOver(spec.plannedRate, entry.stages),
      ),
    }));
    const encoded = (accumulator: SignalsAccumulator) =>
      accumulator.latency.count > 0 ? encodeHistogram(accumulator.latency.histogram!) : undefined;
    const stageHistograms: Partial<Record<StageLabel, string>> = {};
    for (const [label, { accumulator }] of this.stages) {
      const hdr = encoded(accumulator);
      if (hdr) stageHistograms[label] = hdr;
    }
    return {
      name: spec.name,
      metric: spec.metric,
      budgetP95Ms: spec.budgetP95Ms,
      whole,
      stages,
      recovery:
        this.burstEndSecond === undefined
          ? undefined
          : { burstEndSecond: this.burstEndSecond, baselineP95: this.baselineP95, recoverySeconds: this.tracker?.recoveredAfter },
      histograms: { whole: encoded(this.whole), stages: stageHistograms, ...this.windows.result() },
    };
  }

  private entry(label: StageLabel): StageEntry {
    let entry = this.stages.get(label);
    if (!entry) {
      entry = { stages: [], accumulator: new SignalsAccumulator(this.spec.metric), secondsSeen: 0, lastSecond: -1 };
      this.stages.set(label, entry);
    }
    return entry;
  }
}
