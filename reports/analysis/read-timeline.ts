import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { TimelineHeader, TimelineRecord } from '../../engine/output/timeline-writer.ts';

/** One line of `timeline.ndjson.gz`: the header first, then one series record per second, metric and tag set. */
export type TimelineLine = TimelineHeader | TimelineRecord;

const LF = 10;
const CR = 13;
/** Bytes read and inflated per chunk: large chunks keep the per-chunk costs (stream callbacks, threadpool hops) small. */
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a run's `timeline.ndjson.gz` line by line, never loading the file whole, so memory stays flat
 * however long the run. Lines are cut from the inflated bytes at each newline and decoded one by one,
 * which splits as readline does (`\n`, `\r\n` and a lone `\r` each end a line). Blank lines are skipped.
 *
 * @throws Error naming the file and line when a line is not JSON.
 */
export async function* readTimeline(path: string): AsyncGenerator<TimelineLine> {
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
  for await (const input of bytes as AsyncIterable<Buffer>) {
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
  if (rest) yield* linesOf(rest.toString('utf8'));
}
