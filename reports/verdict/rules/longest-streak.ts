/** One reading of a series at a time. */
export interface TimedValue {
  readonly timeMs: number;
  readonly value: number;
}

/** The longest streak of a series above a threshold. */
export interface Streak {
  /** From the streak's first sample to its last, in ms; 0 for a single sample; -1 when none was above. */
  readonly lengthMs: number;
  /** The streak's first sample, epoch ms; absent when no sample was above. */
  readonly startMs?: number;
}

/**
 * Finds the longest streak of consecutive readings strictly above `threshold`, with Prometheus `for:`
 * semantics: a streak starts at its first reading above, lasts up to its latest reading above, and any
 * reading at or below the threshold ends it. Readings are irregular, so lengths come from their
 * timestamps, never from counting readings; they are sorted by time first.
 */
export function longestStreak(readings: readonly TimedValue[], threshold: number): Streak {
  const sorted = [...readings].sort((a, b) => a.timeMs - b.timeMs);
  let best: Streak = { lengthMs: -1 };
  let startMs: number | undefined;
  for (const { timeMs, value } of sorted) {
    if (!(value > threshold)) {
      startMs = undefined;
      continue;
    }
    startMs ??= timeMs;
    if (timeMs - startMs > best.lengthMs) best = { lengthMs: timeMs - startMs, startMs };
  }
  return best;
}
