import { median } from '../statistics/median.ts';
import type { HistoryEntry } from './history-entry.ts';

/** Options of {@link consecutiveRise}. */
export interface ConsecutiveRiseOptions {
  scenario: string;
  /** How far above the reference each build of the streak must be: p95 ≥ ratio × reference. @default 1.3 */
  ratio?: number;
  /** Builds in the streak, the candidate included. @default 2 */
  builds?: number;
  /**
   * The reference p95 in ms, e.g. the committed baseline's. When absent, the reference is the median p95
   * of the (up to) `referenceBuilds` entries just before the streak.
   * @default the median of the entries before the streak
   */
  reference?: number;
  /** How many entries before the streak the median reference is taken over. @default 5 */
  referenceBuilds?: number;
}

function p95Of(entry: HistoryEntry, scenario: string): number | null | undefined {
  return entry.scenarios.find((each) => each.name === scenario)?.p95;
}

/** What {@link consecutiveStreak} found for one scenario. */
export interface ConsecutiveStreak {
  /** The p95s of the streak's builds, oldest first (fewer than `builds` when the history is short). */
  streak: number[];
  /** The p95 the streak is compared with; undefined when there is none. */
  reference: number | undefined;
  /** Builds with a p95 for the scenario, the candidate included. */
  measuredBuilds: number;
  /** Why the streak could not be judged; undefined when it was. */
  unjudged: 'candidate-has-no-p95' | 'too-few-builds' | 'no-reference' | undefined;
  /** Whether every build of a judged streak has a p95 ≥ ratio × reference. */
  risen: boolean;
}

/**
 * "p95 rises 30% over 2 consecutive builds" (docs/runbook.md §16), with what it was judged on: the candidate and
 * the `builds - 1` entries before it must each have a p95 ≥ ratio × reference. Only entries that measured
 * the scenario count as builds; a candidate without a p95, a streak that reaches back past the history's
 * start, or a missing reference leave it unjudged (and not risen).
 *
 * @param history earlier entries of the same phase, oldest first, without the candidate.
 */
export function consecutiveStreak(history: readonly HistoryEntry[], candidate: HistoryEntry, options: ConsecutiveRiseOptions): ConsecutiveStreak {
  const { scenario, ratio = 1.3, builds = 2, referenceBuilds = 5 } = options;
  const series = [...history, candidate].map((entry) => p95Of(entry, scenario)).filter((p95): p95 is number => typeof p95 === 'number');
  const streak = series.slice(-builds);
  const reference = options.reference ?? median(series.slice(0, -builds).slice(-referenceBuilds));
  const unjudged =
    typeof p95Of(candidate, scenario) !== 'number' ? 'candidate-has-no-p95' : series.length < builds ? 'too-few-builds' : reference === undefined ? 'no-reference' : undefined;
  const risen = unjudged === undefined && streak.every((p95) => p95 >= ratio * reference!);
  return { streak, reference, measuredBuilds: series.length, unjudged, risen };
}

/** {@link consecutiveStreak}'s verdict alone: true when the streak was judged and rose. */
export function consecutiveRise(history: readonly HistoryEntry[], candidate: HistoryEntry, options: ConsecutiveRiseOptions): boolean {
  return consecutiveStreak(history, candidate, options).risen;
}
