import type { SaturationSample } from '../samplers/server-sample.ts';
import type { SaturationWindow } from './run-analysis.ts';
import { SampledStatAccumulator } from './sampled-stat-accumulator.ts';

const BYTES_PER_MIB = 2 ** 20;

/** Folds saturation samples of one source over one window (a stage label, or the whole run). */
export class SaturationWindowFold {
  private readonly cpu = new SampledStatAccumulator();
  private readonly heap = new SampledStatAccumulator();
  private readonly loopLag = new SampledStatAccumulator();
  private readonly queued = new SampledStatAccumulator();
  private gc: { count: number; totalMs: number; maxMs: number | undefined } | undefined;

  add(sample: SaturationSample): void {
    this.cpu.add(sample.cpuPercent);
    this.heap.add(sample.heapUsedBytes === undefined ? undefined : sample.heapUsedBytes / BYTES_PER_MIB);
    this.loopLag.add(sample.eventLoopLagSeconds === undefined ? undefined : sample.eventLoopLagSeconds * 1000);
    this.queued.add(sample.queuedTasks);
    const pauses = sample.gcPauses;
    if (!pauses) return;
    const gc = (this.gc ??= { count: 0, totalMs: 0, maxMs: undefined });
    gc.count += pauses.count;
    gc.totalMs += pauses.seconds * 1000;
    if (pauses.maxSeconds !== undefined) gc.maxMs = Math.max(gc.maxMs ?? 0, pauses.maxSeconds * 1000);
  }

  window(): SaturationWindow {
    return {
      cpuPercent: this.cpu.stat(),
      heapUsedMiB: this.heap.stat(),
      eventLoopLagMs: this.loopLag.stat(),
      queuedTasks: this.queued.stat(),
      gcPauses: this.gc && { ...this.gc },
    };
  }
}
