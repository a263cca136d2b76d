import { LinearTrend } from './linear-trend.ts';
import type { HeapTrend } from './run-analysis.ts';

const BYTES_PER_MIB = 2 ** 20;
const SECONDS_PER_HOUR = 3600;
/** A slope counts as a trend only when the line explains at least this much of the variance. */
export const LEAK_MIN_R2 = 0.5;
/** Fewer heap samples than this give no trend. */
export const HEAP_TREND_MIN_SAMPLES = 3;

/**
 * Heap in use over time of one source, fitted by least squares as samples stream by. Flags a suspected
 * leak when the heap grows faster than the threshold and the line fits (r² ≥ 0.5).
 */
export class HeapTrendFold {
  private readonly trend = new LinearTrend();
  private firstMs = Infinity;
  private lastMs = -Infinity;

  constructor(readonly source: string) {}

  add(timeMs: number, heapUsedBytes: number): void {
    this.trend.add(timeMs / 1000, heapUsedBytes / BYTES_PER_MIB);
    this.firstMs = Math.min(this.firstMs, timeMs);
    this.lastMs = Math.max(this.lastMs, timeMs);
  }

  get samples(): number {
    return this.trend.points;
  }

  /** The trend; undefined with fewer than 3 samples or when they were all taken at once. */
  result(thresholdMiBPerHour: number): HeapTrend | undefined {
    if (this.trend.points < HEAP_TREND_MIN_SAMPLES) return undefined;
    const fit = this.trend.fit();
    if (!fit) return undefined;
    const slopeMiBPerHour = fit.slope * SECONDS_PER_HOUR;
    return {
      source: this.source,
      samples: fit.points,
      spanS: (this.lastMs - this.firstMs) / 1000,
      slopeMiBPerHour,
      r2: fit.r2,
      thresholdMiBPerHour,
      suspectedLeak: slopeMiBPerHour > thresholdMiBPerHour && fit.r2 >= LEAK_MIN_R2,
    };
  }
}
