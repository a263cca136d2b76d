import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTimeline, type TimelineLine } from '../../../../reports/analysis/read-timeline.ts';
import { plainDelta, tempRunDir, trendDelta, writeTimeline } from './timeline-fixture.ts';

async function collect(lines: AsyncIterable<TimelineLine>): Promise<TimelineLine[]> {
  const all: TimelineLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

describe('readTimeline', () => {
  it('yields the header, then the series records second by second, as the engine wrote them', async () => {
    const path = await writeTimeline(tempRunDir(), [
      [trendDelta('http_req_duration', { scenario: 'a' }, [1, 2, 3]), plainDelta('iterations', 'counter', { scenario: 'a' }, 3, 3)],
      [plainDelta('iterations', 'counter', { scenario: 'a' }, 2, 2)],
    ]);
    const lines = await collect(readTimeline(path));
    expect(lines[0]).toEqual({ kind: 'header', version: 1, startedAt: 1_700_000_000_000, hdrUnit: 'us', significantDigits: 3 });
    expect(lines.slice(1).map((line) => line.kind === 'series' && [line.second, line.metric, line.count])).toEqual([
      [0, 'http_req_duration', 3],
      [0, 'iterations', 3],
      [1, 'iterations', 2],
    ]);
  });

  it('names the file and line of a line that is not JSON', async () => {
    const path = join(tempRunDir(), 'timeline.ndjson.gz');
    writeFileSync(path, gzipSync('{"kind":"header"}\n\nnot json\n'));
    await expect(collect(readTimeline(path))).rejects.toThrow(`invalid timeline line 3 in ${path}`);
  });
});
