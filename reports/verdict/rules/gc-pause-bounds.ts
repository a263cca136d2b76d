import type { SaturationSample } from '../../samplers/server-sample.ts';
import type { Timed } from './partition-samples.ts';

/** How many GC pauses longer than a threshold the samples prove, and how many they allow. */
export interface GcPauseBounds {
  /** Pauses over the threshold the samples prove happened. */
  readonly atLeast: number;
  /** Pauses over the threshold the samples allow at most. */
  readonly atMost: number;
  /** Samples that carried GC pauses at all. */
  readonly intervals: number;
}

/**
 * Bounds the number of GC pauses strictly longer than `thresholdSeconds`. A scrape interval reports only
 * `count` pauses totalling `seconds`, plus, on the JVM, Micrometer's `maxSeconds`; so each interval gives
 * bounds rather than a number:
 * - At most: pauses over the threshold that fit in the total, `k × threshold < seconds`, capped at
 *   `count`; none when the interval's maximum (JVM) or its total is at or below the threshold.
 * - At least, with a maximum (JVM): one when the maximum is over the threshold. Micrometer's maximum
 *   decays over a window longer than a scrape, so an unchanged maximum of the same source is taken as
 *   the same pause seen again and not counted twice.
 * - At least, without a maximum (Node's histogram): one only when the mean pause, `seconds / count`, is
 *   over the threshold; a single pause is then exactly known. Otherwise a long pause may hide among short
 *   ones, and only the upper bound says so.
 */
export function gcPauseBounds(samples: readonly Timed<SaturationSample>[], thresholdSeconds: number): GcPauseBounds {
  let atLeast = 0;
  let atMost = 0;
  let intervals = 0;
  const lastMax = new Map<string, number>();
  for (const { sample } of [...samples].sort((a, b) => a.timeMs - b.timeMs)) {
    const pauses = sample.gcPauses;
    if (pauses === undefined) continue;
    intervals++;
    const { count, seconds, maxSeconds } = pauses;
    const previousMax = lastMax.get(sample.source);
    if (maxSeconds !== undefined) lastMax.set(sample.source, maxSeconds);
    if (count <= 0 || !(seconds > thresholdSeconds)) continue;
    if (maxSeconds !== undefined) {
      if (!(maxSeconds > thresholdSeconds)) continue;
      if (maxSeconds !== previousMax) atLeast++;
    } else if (seconds / count > thresholdSeconds) {
      atLeast++;
    }
    atMost += Math.min(count, Math.ceil(seconds / thresholdSeconds) - 1);
  }
  return { atLeast, atMost: Math.max(atMost, atLeast), intervals };
}
