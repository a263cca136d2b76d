import { longestStreak } from './longest-streak.ts';
import type { TimedValue } from './longest-streak.ts';
import type { RuleResult } from './rule-result.ts';
import type { RuleId, RuleSpec } from './rule-spec.ts';

/** What {@link evaluateSustained} judges. */
export interface SustainedInput {
  readonly rule: RuleId;
  readonly spec: RuleSpec;
  /** The window already scaled by the run's time scale, in ms. */
  readonly windowMs: number;
  /** Readings by series (a consumer group, a scraped source); a series with no readings is ignored. */
  readonly series: ReadonlyMap<string, readonly TimedValue[]>;
  /** What the threshold is compared with, for the result. */
  readonly basis: string;
  /** Why there are no readings at all, used when `series` holds none. */
  readonly missingReason: string;
}

/**
 * Judges a sustained rule: it triggers when some series stays above the threshold at every reading for
 * at least the window (see {@link longestStreak}). A reading missing from a series is a gap, not a dip:
 * only a reading at or below the threshold resets the streak. When no series' readings span the window,
 * a streak could never reach it, so the rule is not evaluated rather than passed.
 */
export function evaluateSustained(input: SustainedInput): RuleResult {
  const { rule, spec, windowMs, basis } = input;
  const base = { rule, action: spec.action, threshold: spec.threshold, windowMs };
  let best = { lengthMs: -1, startMs: undefined as number | undefined, series: undefined as string | undefined };
  let peak = -Infinity;
  let span = -1;
  for (const [name, readings] of input.series) {
    if (readings.length === 0) continue;
    const streak = longestStreak(readings, spec.threshold);
    if (streak.lengthMs > best.lengthMs) best = { lengthMs: streak.lengthMs, startMs: streak.startMs, series: name };
    // Loops rather than spreads: a soak run's series can outgrow the argument limit.
    let first = Infinity;
    let last = -Infinity;
    for (const { timeMs, value } of readings) {
      first = Math.min(first, timeMs);
      last = Math.max(last, timeMs);
      peak = Math.max(peak, value);
    }
    span = Math.max(span, last - first);
  }
  if (span < 0) return { ...base, kind: 'not-evaluated', reason: input.missingReason };
  const observed = {
    kind: 'streak',
    longestMs: Math.max(best.lengthMs, 0),
    ...(best.startMs === undefined ? {} : { startedAtMs: best.startMs, series: best.series }),
    peak,
    basis,
  } as const;
  if (best.lengthMs >= windowMs) return { ...base, kind: 'triggered', observed };
  if (span < windowMs) {
    const reason = `run shorter than the scaled window: the samples span ${seconds(span)}, the window is ${seconds(windowMs)}`;
    return { ...base, kind: 'not-evaluated', reason, observed };
  }
  return { ...base, kind: 'ok', observed };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
