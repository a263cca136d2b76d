import { createHistogram, encodeHistogram, type Histogram } from '../../engine/metrics/hdr.ts';
import type { MetricDefinition, Tags } from '../../engine/metrics/metric-types.ts';
import type { TimelineRecord } from '../../engine/output/timeline-writer.ts';
import { fastRecordTrendValue } from './fast-record-trend-value.ts';

/** One metric and one tag set; `id` indexes the per-second accumulators. */
export interface FoldSeries {
  readonly id: number;
  readonly metric: MetricDefinition;
  readonly tags: Tags;
}

interface Accumulator {
  series: FoldSeries;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  histogram: Histogram | undefined;
}

interface Slot {
  byId: (Accumulator | undefined)[];
  list: Accumulator[];
}

/**
 * Folds samples into one record per second and series, as the engine's timeline holds them. Second 0
 * starts at the first sample (whole ms). Samples may arrive out of order by up to `windowSeconds`: a
 * second is emitted once a sample `windowSeconds` later has been seen, or at the end. A sample later
 * still is counted in the oldest second not yet emitted (as the engine's timeline does) and in `late`.
 * Memory holds at most windowSeconds + 1 seconds of series.
 */
export class SecondFolder {
  startedAt: number | undefined;
  late = 0;
  emittedSeconds = 0;
  private readonly slots = new Map<number, Slot>();
  private readonly pool: Histogram[] = [];
  /** The last second emitted; every later one is still open. */
  private written = -1;
  private newest = -1;
  private lastSecond = -1;
  private lastSlot: Slot | undefined;

  constructor(
    private readonly windowSeconds: number,
    private readonly emit: (record: TimelineRecord) => void,
  ) {}

  add(series: FoldSeries, timeMs: number, value: number): void {
    if (this.startedAt === undefined) this.startedAt = Math.floor(timeMs);
    let second = Math.floor((timeMs - this.startedAt) / 1000);
    if (second <= this.written) {
      second = this.written + 1;
      this.late++;
    }
    let slot = this.lastSlot;
    if (second !== this.lastSecond || !slot) {
      if (second > this.newest) {
        this.newest = second;
        this.emitThrough(second - this.windowSeconds - 1);
      }
      slot = this.slots.get(second);
      if (!slot) {
        slot = { byId: [], list: [] };
        this.slots.set(second, slot);
      }
      this.lastSecond = second;
      this.lastSlot = slot;
    }
    let acc = slot.byId[series.id];
    if (!acc) {
      acc = { series, count: 0, sum: 0, min: Infinity, max: -Infinity, last: 0, histogram: undefined };
      if (series.metric.type === 'trend') acc.histogram = this.pool.pop() ?? createHistogram();
      slot.byId[series.id] = acc;
      slot.list.push(acc);
    }
    acc.count++;
    acc.sum += value;
    acc.last = value;
    if (value < acc.min) acc.min = value;
    if (value > acc.max) acc.max = value;
    if (acc.histogram) fastRecordTrendValue(acc.histogram, value);
  }

  /** Emits every second still open. */
  finish(): void {
    this.emitThrough(this.newest);
  }

  private emitThrough(last: number): void {
    while (this.written < last) {
      const second = ++this.written;
      const slot = this.slots.get(second);
      if (!slot) continue;
      this.slots.delete(second);
      if (slot === this.lastSlot) this.lastSlot = undefined;
      this.emittedSeconds++;
      const time = this.startedAt! + second * 1000;
      for (const acc of slot.list) {
        const { metric, tags } = acc.series;
        const record: TimelineRecord = {
          kind: 'series',
          second,
          time,
          metric: metric.name,
          type: metric.type,
          contains: metric.contains,
          tags,
          count: acc.count,
          sum: acc.sum,
          min: acc.min,
          max: acc.max,
          last: acc.last,
        };
        if (acc.histogram) {
          record.hdr = encodeHistogram(acc.histogram);
          acc.histogram.reset();
          this.pool.push(acc.histogram);
        }
        this.emit(record);
      }
    }
  }
}
