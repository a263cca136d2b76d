import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
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

/** The lines readline gives (crlfDelay Infinity), parsed as the timeline reader did before it cut bytes itself. */
async function readlineReference(path: string): Promise<unknown[]> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const all: unknown[] = [];
  for await (const line of lines) if (line.trim() !== '') all.push(JSON.parse(line));
  return all;
}

const record = (second: number, name: string) => JSON.stringify({ kind: 'series', second, metric: 'm', tags: { name } });

describe('readTimeline cuts lines as readline does', () => {
  it.each([
    { name: 'newline-terminated lines', text: `${record(0, 'a')}\n${record(1, 'b')}\n` },
    { name: 'no newline after the last line', text: `${record(0, 'a')}\n${record(1, 'b')}` },
    { name: 'CRLF line ends', text: `${record(0, 'a')}\r\n${record(1, 'b')}\r\n` },
    { name: 'lone CRs as line ends', text: `${record(0, 'a')}\r${record(1, 'b')}\r\r${record(2, 'c')}` },
    { name: 'blank and whitespace-only lines', text: `\n  \n${record(0, 'a')}\n\t\n\n${record(1, 'b')}\n\n` },
    { name: 'multibyte characters', text: `${record(0, 'é€😀')}\n${record(1, 'ü')}\n` },
    {
      name: 'lines longer than a chunk, with multibyte characters across chunk ends',
      text: `${record(0, 'x'.repeat(3) + '€'.repeat(700_000))}\n${record(1, '😀'.repeat(300_001))}\n${record(2, 'tail')}`,
    },
    { name: 'many short lines across chunk ends', text: Array.from({ length: 60_000 }, (_, i) => record(i, `s${i % 7}é`)).join('\n') },
  ])('for $name', async ({ text }) => {
    const path = join(tempRunDir(), 'timeline.ndjson.gz');
    writeFileSync(path, gzipSync(text));
    expect(await collect(readTimeline(path))).toEqual(await readlineReference(path));
  });

  it('numbers lines as readline does when a line after CRs is not JSON', async () => {
    const path = join(tempRunDir(), 'timeline.ndjson.gz');
    writeFileSync(path, gzipSync(`${record(0, 'a')}\r\n\r${record(1, 'b')}\rnot json\n`));
    await expect(collect(readTimeline(path))).rejects.toThrow(`invalid timeline line 4 in ${path}`);
  });

  it('rejects, naming the file, when the timeline is missing', async () => {
    const path = join(tempRunDir(), 'timeline.ndjson.gz');
    await expect(collect(readTimeline(path))).rejects.toThrow(path);
  });
});
