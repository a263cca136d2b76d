import type { SampledStat } from './run-analysis.ts';

/** Mean and maximum of values fed one at a time. */
export class SampledStatAccumulator {
  private sum = 0;
  private max = -Infinity;
  private samples = 0;

  add(value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    this.sum += value;
    this.samples++;
    if (value > this.max) this.max = value;
  }

  /** Adds everything another accumulator saw. */
  merge(other: SampledStatAccumulator): void {
    this.sum += other.sum;
    this.samples += other.samples;
    if (other.max > this.max) this.max = other.max;
  }

  /** The stat so far; undefined before any value. */
  stat(): SampledStat | undefined {
    return this.samples === 0 ? undefined : { mean: this.sum / this.samples, max: this.max, samples: this.samples };
  }
}
