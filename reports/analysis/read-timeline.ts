import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { TimelineHeader, TimelineRecord, TimelineStop } from '../../engine/output/timeline-writer.ts';

/**
 * One line of `timeline.ndjson.gz`: the header first, then one series record per second, metric and tag
 * set, and a stop record last when the run stopped before its plan ended.
 */
export type TimelineLine = TimelineHeader | TimelineRecord | TimelineStop;

/** Told when a timeline ends early (power loss, SIGKILL): what was read stops at its last whole record. */
export type OnTimelineCut = (reason: string) => void;

const LF = 10;
const CR = 13;
/** Bytes read and inflated per chunk: large chunks keep the per-chunk costs (stream callbacks, threadpool hops) small. */
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a run's `timeline.ndjson.gz` line by line, never loading the file whole, so memory stays flat
 * however long the run. Lines are cut from the inflated bytes at each newline and decoded one by one,
 * which splits as readline does (`\n`, `\r\n` and a lone `\r` each end a line). Blank lines are skipped.
 *
 * A timeline cut short, mid-record or mid-gzip-stream, is read up to its last whole record, and `onCut`
 * says why it ended there.
 *
 * @throws Error naming the file and line when a line before the end is not JSON, or the file cannot be read.
 */
export async function* readTimeline(path: string, onCut: OnTimelineCut = () => {}): AsyncGenerator<TimelineLine> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const bytes = file.pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
  file.on('error', (error) => bytes.destroy(error));
  let number = 0;
  let rest: Buffer | undefined;
  const parse = (line: string): TimelineLine | undefined => {
    number++;
    if (line.trim() === '') return undefined;
    try {
      return JSON.parse(line) as TimelineLine;
    } catch (error) {
      throw new Error(`invalid timeline line ${number} in ${path}; expected JSON, got ${JSON.stringify(line.slice(0, 80))}`, {
        cause: error,
      });
    }
  };
  /** The lines of one newline-free stretch of text: readline ends a line at a lone `\r` too. */
  function* linesOf(text: string): Generator<TimelineLine> {
    const end = text.endsWith('\r') ? text.length - 1 : text.length;
    const body = end === text.length ? text : text.slice(0, end);
    if (!body.includes('\r')) {
      const parsed = parse(body);
      if (parsed) yield parsed;
      return;
    }
    for (const part of body.split('\r')) {
      const parsed = parse(part);
      if (parsed) yield parsed;
    }
  }
  let cut: string | undefined;
  // The stream is read by hand so that a zlib error (a cut gzip stream) ends the lines instead of the read.
  const inputs = (bytes as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await inputs.next();
    } catch (error) {
      if (!(error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw error;
      cut = `the gzip stream ends early (${(error as Error).message})`;
      break;
    }
    if (next.done) break;
    const input = next.value;
    const chunk: Buffer = rest ? Buffer.concat([rest, input]) : input;
    const hasCr = chunk.indexOf(CR) >= 0;
    let start = 0;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, start)) {
      if (hasCr) yield* linesOf(chunk.toString('utf8', start, at));
      else {
        const parsed = parse(chunk.toString('utf8', start, at));
        if (parsed) yield parsed;
      }
      start = at + 1;
    }
    rest = start < chunk.length ? chunk.subarray(start) : undefined;
  }
  if (rest) {
    // A last line without its newline is whole only if it parses: anything else was cut mid-record.
    const lines: TimelineLine[] = [];
    try {
      lines.push(...linesOf(rest.toString('utf8')));
    } catch {
      cut ??= `its last record is cut after ${rest.length} bytes`;
    }
    if (lines.length > 0 && cut === undefined) yield* lines;
  }
  if (cut !== undefined) onCut(cut);
}
