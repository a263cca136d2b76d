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

/**
 * The runbook's "p95 rises 30% over 2 consecutive builds": true when the candidate and the `builds - 1`
 * entries before it each have a p95 ≥ ratio × reference. Only entries that measured the scenario count as
 * builds; a streak that reaches back past the history's start, or has no reference, is false.
 *
 * @param history earlier entries of the same phase, oldest first, without the candidate.
 */
export function consecutiveRise(history: readonly HistoryEntry[], candidate: HistoryEntry, options: ConsecutiveRiseOptions): boolean {
  const { scenario, ratio = 1.3, builds = 2, referenceBuilds = 5 } = options;
  const series = [...history, candidate].map((entry) => p95Of(entry, scenario)).filter((p95): p95 is number => typeof p95 === 'number');
  if (typeof p95Of(candidate, scenario) !== 'number' || series.length < builds) return false;
  const streak = series.slice(series.length - builds);
  const before = series.slice(0, series.length - builds).slice(-referenceBuilds);
  const reference = options.reference ?? median(before);
  if (reference === undefined) return false;
  return streak.every((p95) => p95 >= ratio * reference);
}
