/**
 * The VU's high-resolution clock. Latencies stamped with `Date.now()` are whole milliseconds, too coarse
 * for a broadcast or a produce that takes one or two. loadbook's VUs run on Node, whose `performance`
 * gives microseconds; k6 has no `performance`, so there the clock falls back to `Date.now()`.
 */
const clock = (globalThis as { performance?: { timeOrigin: number; now(): number } }).performance;

/**
 * Milliseconds since the Unix epoch, with a fraction: `performance.timeOrigin + performance.now()`, which
 * processes and worker threads on one machine read alike (each adds its own monotonic time to the wall
 * clock it sampled at start), so a stamp from one VU can be subtracted from another's reading. Across
 * machines the difference also carries the offset between their clocks: see docs/reports/verdicts.md.
 */
export function preciseEpochMs(): number {
  return clock ? clock.timeOrigin + clock.now() : Date.now();
}

/** Monotonic milliseconds with a fraction, for timing within one VU; `Date.now()` under k6. */
export function preciseNowMs(): number {
  return clock ? clock.now() : Date.now();
}
