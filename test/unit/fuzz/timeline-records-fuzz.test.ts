import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadbookError } from '../../../engine/errors.ts';
import { analyzeRun } from '../../../reports/analysis/analyze-run.ts';
import { plainDelta, trendDelta } from '../reports/analysis/timeline-fixture.ts';
import { anyJson, expectSettlesClearly, FUZZ, mutatedJson, mutatedText } from './fuzz-support.ts';

const STARTED_AT = 1_700_000_000_000;
const HEADER = { kind: 'header', version: 1, startedAt: STARTED_AT, hdrUnit: 'us', significantDigits: 3 };
const TAGS = { scenario: 'product-get', stage: 'steady' };

/** Three seconds of a product-get run, as the engine writes them. */
const RECORDS = [0, 1, 2].flatMap((second) =>
  [
    trendDelta('http_req_duration', { ...TAGS, status: '200' }, [10, 12, 40 + second]),
    plainDelta('http_req_failed', 'rate', TAGS, 3, 0),
    plainDelta('http_reqs', 'counter', TAGS, 3, 3),
    plainDelta('cache_hit', 'rate', { ...TAGS, id_bucket: '7' }, 3, 2),
  ].map((delta) => ({ kind: 'series', second, time: STARTED_AT + second * 1000, ...delta })),
);
const VALID_LINES = [HEADER, ...RECORDS].map((line) => JSON.stringify(line));

const PLAN = {
  phase: 'smoke',
  scenarios: [{ name: 'product-get', budgetP95Ms: 120, stages: [{ label: 'steady', startMs: 0, endMs: 3000, startRate: 3, endRate: 3 }], totalMs: 3000 }],
  options: { thresholds: { 'http_req_duration{scenario:product-get}': ['p(95)<120'] } },
};

/** One line of the timeline replaced: by a mutated record, by any JSON, or by a text edit of the line. */
const fuzzedTimeline = fc
  .record({
    at: fc.nat({ max: VALID_LINES.length - 1 }),
    line: fc.oneof(
      fc.constantFrom(HEADER, ...RECORDS).chain(mutatedJson).map((value) => JSON.stringify(value) ?? 'null'),
      anyJson.map((value) => JSON.stringify(value) ?? 'null'),
      fc.constantFrom(...VALID_LINES).chain(mutatedText),
    ),
  })
  .map(({ at, line }) => VALID_LINES.map((valid, index) => (index === at ? line : valid)).join('\n'));

let runDir: string;
beforeAll(() => {
  runDir = mkdtempSync(join(tmpdir(), 'loadbook-timeline-fuzz-'));
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(PLAN));
});
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('the timeline record reader under random and mutated records', () => {
  it('analyses a timeline with any one record fuzzed, or refuses it with one clear error', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedTimeline, async (text) => {
        writeFileSync(join(runDir, 'timeline.ndjson.gz'), gzipSync(text));
        // A line that is not JSON is the reader's plain Error; every shape problem is a LoadbookError.
        await expectSettlesClearly(() => analyzeRun(runDir), Error, text);
      }),
      { ...FUZZ, numRuns: 100 },
    );
  });
});

describe('timeline records the fuzzing found', () => {
  const analyse = (lines: readonly unknown[]) => {
    writeFileSync(join(runDir, 'timeline.ndjson.gz'), gzipSync(lines.map((line) => JSON.stringify(line)).join('\n')));
    return analyzeRun(runDir);
  };

  it('refuses an empty object among the records with a LoadbookError naming the record, not a TypeError', async () => {
    await expect(analyse([HEADER, {}])).rejects.toThrow(LoadbookError);
    await expect(analyse([HEADER, {}])).rejects.toThrow(
      /^invalid timeline record 2 in .*timeline\.ndjson\.gz; expected kind to be "header", "series" or "stop", got nothing$/,
    );
  });

  it('reads the stop record a run interrupted by a signal ends with, and marks the run partial', async () => {
    const analysis = await analyse([HEADER, ...RECORDS, { kind: 'stop', exitCode: 105, reason: 'test run stopped by a signal' }]);
    expect(analysis.partial).toMatchObject({ kind: 'stopped', exitCode: 105 });
  });

  it('refuses a stop record without an exit code, naming the field', async () => {
    await expect(analyse([HEADER, { kind: 'stop', reason: 'x' }])).rejects.toThrow('expected exitCode to be a whole exit code, got nothing');
  });

  it('refuses a series record without tags, naming the field', async () => {
    const { tags: _tags, ...untagged } = RECORDS[1]!;
    await expect(analyse([HEADER, untagged])).rejects.toThrow('expected tags to be an object of string tags, got nothing');
  });

  it('refuses a trend record whose histogram is not compressed base64, naming the field', async () => {
    await expect(analyse([HEADER, { ...RECORDS[0]!, hdr: 'abc' }])).rejects.toThrow('expected hdr to be a compressed base64 HDR histogram, got "abc"');
  });

  it('refuses a trend record whose histogram is cut short with a message naming the metric and second', async () => {
    const hdr = RECORDS[0]!.hdr!;
    await expect(analyse([HEADER, { ...RECORDS[0]!, hdr: hdr.slice(0, hdr.length - 8) }])).rejects.toThrow(LoadbookError);
  });
});
