/** One second's p95 of a scenario's budget metric. */
export interface SecondP95 {
  /** Seconds since the run started. */
  second: number;
  p95: number;
}

/** What recovery is measured against. */
export interface RecoveryInput {
  /** When the burst stage ends, in seconds since the run started (may be fractional). */
  burstEndSecond: number;
  /** The pre-burst (steady) p95. */
  baselineP95: number;
  /**
   * How far above the baseline still counts as recovered.
   * @default 0.1 (10%)
   */
  tolerance?: number;
}

/**
 * Follows per-second p95 values as they stream in and notes the first whole second, starting at or after
 * the burst's end, whose p95 is within `tolerance` of the baseline. Keeps no history.
 */
export class RecoveryTracker {
  private readonly firstSecond: number;
  private readonly limit: number;
  /** Seconds from the burst's end to the start of the first recovered second; undefined until then. */
  recoveredAfter: number | undefined;

  constructor(private readonly input: RecoveryInput) {
    this.firstSecond = Math.ceil(input.burstEndSecond);
    this.limit = input.baselineP95 * (1 + (input.tolerance ?? 0.1));
  }

  /** Feeds one second; returns true once recovered. */
  add({ second, p95 }: SecondP95): boolean {
    if (this.recoveredAfter !== undefined) return true;
    if (second < this.firstSecond || !(p95 <= this.limit)) return false;
    this.recoveredAfter = second - this.input.burstEndSecond;
    return true;
  }
}

/**
 * Spike recovery time: after the burst ends, how long (in seconds) until the per-second p95 is back within
 * `tolerance` (10%) of the pre-burst p95. Seconds are read lazily and reading stops at the first recovered one.
 *
 * @returns seconds from the burst's end to the start of the first recovered second (0 when the first
 *   second after the burst already is), or undefined when p95 never recovers.
 */
export function recoveryTime(seconds: Iterable<SecondP95>, input: RecoveryInput): number | undefined {
  const tracker = new RecoveryTracker(input);
  for (const second of seconds) if (tracker.add(second)) break;
  return tracker.recoveredAfter;
}
