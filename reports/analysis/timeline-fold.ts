import type { CachingCheck } from './caching-check.ts';
import type { PaceRouting } from './pace-routing.ts';
import type { TimelineLine } from './read-timeline.ts';
import type { SeriesFold } from './run-series.ts';
import type { ScenarioFold } from './scenario-fold.ts';
import { LoadbookError } from '../../engine/errors.ts';
import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { sparseOfRecord, type SparseHistogram } from './sparse-histogram.ts';

/** Where timeline records go. */
export interface TimelineFoldTargets {
  /** The fold of a `scenario` tag value, asked once per value; undefined leaves the scenario out. */
  scenarioFor(name: string): ScenarioFold | undefined;
  series: SeriesFold;
  caching: CachingCheck;
  /** Moves pace records of helper k6 scenarios to the scenario they pace; absent: records stay as tagged. */
  pace?: PaceRouting;
}

/**
 * Routes each timeline line, as it streams by, to its scenario's fold, the chart series and the caching
 * check, decoding each budget-metric histogram once for all of them. Closes seconds for recovery tracking.
 */
export class TimelineFold {
  /** Epoch ms of second 0, from the header. */
  startedAt = 0;
  /** The timeline's stop record: why the run stopped before its plan ended; undefined when it did not. */
  stopped: { exitCode: number; reason: string } | undefined;
  private currentSecond = -1;
  private readonly folds = new Map<string, ScenarioFold | undefined>();

  constructor(private readonly targets: TimelineFoldTargets) {}

  /** Seconds the timeline covered so far (last second + 1). */
  get seconds(): number {
    return this.currentSecond + 1;
  }

  add(input: TimelineLine): void {
    if (input.kind === 'header') {
      this.startedAt = input.startedAt;
      return;
    }
    if (input.kind === 'stop') {
      this.stopped = { exitCode: input.exitCode, reason: input.reason };
      return;
    }
    const line = this.targets.pace ? this.targets.pace.route(input) : input;
    if (!line) return;
    if (line.second !== this.currentSecond) {
      for (const fold of this.folds.values()) fold?.endSecond(this.currentSecond);
      this.currentSecond = line.second;
    }
    const fold = this.fold(line.tags.scenario);
    const decoded = fold && line.metric === fold.spec.metric ? decodedHistogram(line) : undefined;
    fold?.add(line, decoded);
    this.targets.series.addRecord(line, decoded);
    this.targets.caching.add(line);
  }

  /** Closes the last second; call once the timeline has been read. */
  finish(): void {
    for (const fold of this.folds.values()) fold?.endSecond(this.currentSecond);
  }

  /** The scenario folds, in the order their scenarios first appeared or were planned. */
  scenarioFolds(): ScenarioFold[] {
    return [...this.folds.values()].filter((fold) => fold !== undefined);
  }

  /** Asks for each planned scenario's fold upfront, so results keep the plan's order. */
  plan(names: readonly string[]): void {
    for (const name of names) this.fold(name);
  }

  private fold(name: string | undefined): ScenarioFold | undefined {
    if (name === undefined) return undefined;
    if (this.folds.has(name)) return this.folds.get(name);
    const fold = this.targets.scenarioFor(name);
    this.folds.set(name, fold);
    if (fold) this.targets.series.addScenario({ name, metric: fold.spec.metric, plannedRate: fold.spec.plannedRate });
    return fold;
  }
}

/** A record's histogram; a damaged one (valid base64, broken deflate) is named by metric and second. */
function decodedHistogram(record: TimelineRecord): SparseHistogram | undefined {
  try {
    return sparseOfRecord(record);
  } catch (error) {
    throw new LoadbookError(
      `invalid timeline record of ${record.metric} at second ${record.second}; expected a compressed HDR histogram in hdr, ` +
        `got one that cannot be decoded (${(error as Error).message}); the timeline is damaged: run the phase again`,
    );
  }
}
