import { createWriteStream, type WriteStream } from 'node:fs';
import { constants as zlibConstants, createGzip, type Gzip } from 'node:zlib';
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

/**
 * The last line of a timeline whose run stopped before its plan ended (a signal, test.abort(), a failed
 * worker, abortOnFail): readers mark such a run partial and say why.
 */
export interface TimelineStop {
  kind: 'stop';
  /** The last second the timeline holds. */
  second: number;
  /** The engine's exit code for the stop, e.g. 105 for a signal. */
  exitCode: number;
  reason: string;
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
  private closed: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(
    path: string | undefined,
    private readonly startedAt: number,
    private readonly reporters: number,
    private readonly onSecondComplete: (second: number, deltas: SeriesDelta[]) => SeriesDelta[] = () => [],
  ) {
    if (!path) return;
    this.file = createWriteStream(path);
    // A write error (disk full) must not crash the run: close() reports it once the run has ended.
    this.file.on('error', (error) => (this.failure ??= error));
    this.gzip = createGzip();
    this.gzip.pipe(this.file);
    const header: TimelineHeader = { kind: 'header', version: 1, startedAt, hdrUnit: 'us', significantDigits: 3 };
    this.gzip.write(JSON.stringify(header) + '\n');
  }

  add(second: number, deltas: SeriesDelta[], reporter?: number): void {
    if (this.closed) return;
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

  /**
   * Writes every second still pending, complete or not (the run ended or was interrupted), then the stop
   * record when the run stopped early, and ends the gzip stream, so the file is whole up to its last
   * second. Resolves once the file is closed; a second call only waits for that.
   */
  async close(stopped?: Omit<TimelineStop, 'kind' | 'second'>): Promise<void> {
    if (!this.closed) {
      for (const second of [...this.pending.keys()].sort((a, b) => a - b)) this.writeSecond(second);
      if (stopped && this.gzip) {
        const record: TimelineStop = { kind: 'stop', second: Math.max(0, this.written), ...stopped };
        this.gzip.write(JSON.stringify(record) + '\n');
      }
      this.gzip?.end();
      this.closed = this.file && !this.file.closed ? once(this.file, 'close').then(() => undefined) : Promise.resolve();
    }
    await this.closed;
    if (this.failure) throw this.failure;
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
    if (!lines) return;
    this.gzip.write(lines);
    // A sync flush puts each second on disk as whole deflate blocks: a process killed outright (SIGKILL,
    // power loss) leaves a timeline readable up to its last second, not a gzip header alone.
    this.gzip.flush(zlibConstants.Z_SYNC_FLUSH);
  }
}
