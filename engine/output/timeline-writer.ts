import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip, type Gzip } from 'node:zlib';
import { once } from 'node:events';
import { decodeHistogram, encodeHistogram } from '../metrics/hdr.ts';
import { tagKey } from '../metrics/sample-sink.ts';
import type { SeriesDelta } from '../metrics/series-delta.ts';

/** The first line of timeline.ndjson.gz: how to read the records after it. */
export interface TimelineHeader {
  kind: 'header';
  version: 1;
  /** Epoch ms of second 0. */
  startedAt: number;
  /** Trend histograms are HDR, compressed base64, in microseconds with 3 significant digits. */
  hdrUnit: 'us';
  significantDigits: 3;
}

/** One line per second, metric and tag set. */
export interface TimelineRecord extends SeriesDelta {
  kind: 'series';
  second: number;
  /** Epoch ms when this second began. */
  time: number;
}

function mergeInto(target: SeriesDelta, delta: SeriesDelta): void {
  target.count += delta.count;
  target.sum += delta.sum;
  target.last = delta.last;
  target.min = Math.min(target.min, delta.min);
  target.max = Math.max(target.max, delta.max);
  if (target.hdr && delta.hdr) {
    const merged = decodeHistogram(target.hdr);
    merged.add(decodeHistogram(delta.hdr));
    target.hdr = encodeHistogram(merged);
  }
}

/**
 * Merges every reporter's deltas second by second and writes a second once all reporters have sent
 * it, so a second's record covers every worker. Writing streams through gzip: memory stays flat however
 * long the run.
 */
export class TimelineWriter {
  private readonly pending = new Map<number, { series: Map<string, SeriesDelta>; reported: Set<number> }>();
  private readonly gzip: Gzip | undefined;
  private readonly file: WriteStream | undefined;
  private written = -1;

  constructor(
    path: string | undefined,
    private readonly startedAt: number,
    private readonly reporters: number,
    private readonly onSecondComplete: (second: number, deltas: SeriesDelta[]) => SeriesDelta[] = () => [],
  ) {
    if (!path) return;
    this.file = createWriteStream(path);
    this.gzip = createGzip();
    this.gzip.pipe(this.file);
    const header: TimelineHeader = { kind: 'header', version: 1, startedAt, hdrUnit: 'us', significantDigits: 3 };
    this.gzip.write(JSON.stringify(header) + '\n');
  }

  add(second: number, deltas: SeriesDelta[], reporter?: number): void {
    const slot = this.slot(Math.max(second, this.written + 1));
    for (const delta of deltas) {
      const key = delta.metric + '\u0000' + tagKey(delta.tags);
      const existing = slot.series.get(key);
      if (existing) mergeInto(existing, delta);
      else slot.series.set(key, { ...delta });
    }
    if (reporter === undefined) return;
    slot.reported.add(reporter);
    while (this.pending.get(this.written + 1)?.reported.size === this.reporters) this.writeSecond(this.written + 1);
  }

  /** Writes every second still pending, complete or not (the run ended or was interrupted), and closes. */
  async close(): Promise<void> {
    for (const second of [...this.pending.keys()].sort((a, b) => a - b)) this.writeSecond(second);
    if (!this.gzip) return;
    this.gzip.end();
    await once(this.file!, 'close');
  }

  private slot(second: number) {
    let slot = this.pending.get(second);
    if (!slot) {
      slot = { series: new Map(), reported: new Set() };
      this.pending.set(second, slot);
    }
    return slot;
  }

  private writeSecond(second: number): void {
    const slot = this.pending.get(second);
    this.pending.delete(second);
    this.written = Math.max(this.written, second);
    const merged = [...(slot?.series.values() ?? [])];
    const deltas = [...merged, ...this.onSecondComplete(second, merged)];
    if (!this.gzip) return;
    const time = this.startedAt + second * 1000;
    let lines = '';
    for (const delta of deltas) {
      const record: TimelineRecord = { kind: 'series', second, time, ...delta };
      lines += JSON.stringify(record) + '\n';
    }
    if (lines) this.gzip.write(lines);
  }
}
