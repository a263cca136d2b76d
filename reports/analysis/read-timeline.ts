import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { TimelineHeader, TimelineRecord } from '../../engine/output/timeline-writer.ts';

/** One line of `timeline.ndjson.gz`: the header first, then one series record per second, metric and tag set. */
export type TimelineLine = TimelineHeader | TimelineRecord;

/**
 * Streams a run's `timeline.ndjson.gz` line by line (gunzip + readline), never loading the file whole,
 * so memory stays flat however long the run. Blank lines are skipped.
 *
 * @throws Error naming the file and line when a line is not JSON.
 */
export async function* readTimeline(path: string): AsyncGenerator<TimelineLine> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as TimelineLine;
    } catch (error) {
      throw new Error(`invalid timeline line ${number} in ${path}; expected JSON, got ${JSON.stringify(line.slice(0, 80))}`, {
        cause: error,
      });
    }
  }
}
