import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeK6Output } from '../../../reports/analysis/analyze-k6-output.ts';
import { readK6Json } from '../../../reports/sources/read-k6-json.ts';
import { K6InputError } from '../../../reports/sources/k6-input-error.ts';
import { readK6Summary } from '../../../reports/sources/read-k6-summary.ts';
import { anyJson, expectSettlesClearly, FUZZ, jsonDocumentText, mutatedJson, mutatedText, trickyString } from './fuzz-support.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/k6');
/** The first lines of a real k6 run: Metric lines, Point lines with and without tags. */
const VALID_LINES = readFileSync(join(fixtures, 'http-run.json'), 'utf8').split('\n').filter(Boolean).slice(0, 14);
const VALID_SUMMARY: unknown = JSON.parse(readFileSync(join(fixtures, 'k6-summary.json'), 'utf8'));

/** The fixture's lines with one replaced (a mutated line, any JSON, a text edit) and maybe one more appended. */
const fuzzedOutput = fc
  .record({
    at: fc.nat({ max: VALID_LINES.length - 1 }),
    line: fc.oneof(
      fc.constantFrom(...VALID_LINES).chain((line) => mutatedJson(JSON.parse(line))).map((value) => JSON.stringify(value) ?? 'null'),
      anyJson.map((value) => JSON.stringify(value) ?? 'null'),
      fc.constantFrom(...VALID_LINES).chain(mutatedText),
    ),
    extra: fc.option(fc.constantFrom(...VALID_LINES).chain(mutatedText), { nil: undefined }),
    gzip: fc.boolean(),
  })
  .map(({ at, line, extra, gzip }) => {
    const lines = VALID_LINES.map((valid, index) => (index === at ? line : valid));
    const text = [...lines, ...(extra === undefined ? [] : [extra])].join('\n');
    return { text, gzip };
  });

/** The real summary with one field of one metric set to a tricky value: where the per-type checks look things up. */
const metricFieldEdit = fc
  .record({
    metric: fc.constantFrom(...Object.keys((VALID_SUMMARY as { metrics: object }).metrics)),
    field: fc.constantFrom('type', 'contains', 'values', 'thresholds'),
    value: fc.oneof(trickyString, anyJson),
  })
  .map(({ metric, field, value }) => {
    const summary = structuredClone(VALID_SUMMARY) as { metrics: Record<string, Record<string, unknown>> };
    summary.metrics[metric]![field] = value;
    return JSON.stringify(summary);
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loadbook-k6-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the stock k6 readers under random and mutated input', () => {
  it('analyses k6 --out json with any one line fuzzed, plain or gzipped, or refuses it with one clear K6InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedOutput, async ({ text, gzip }) => {
        const file = join(dir, 'run.json');
        writeFileSync(file, gzip ? gzipSync(text) : text);
        await expectSettlesClearly(() => analyzeK6Output({ jsonFile: file }), K6InputError, text);
      }),
      { ...FUZZ, numRuns: 80 },
    );
  });

  it('reads any summary.json, random or a mutation of a real one, or refuses it with one clear K6InputError', async () => {
    const file = join(dir, 'summary.json');
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonDocumentText(VALID_SUMMARY), metricFieldEdit), async (text) => {
        writeFileSync(file, text);
        await expectSettlesClearly(() => readK6Summary(file), K6InputError, text);
      }),
      FUZZ,
    );
  });

  it('analyses k6 output against any summary.json that reads, or refuses it with one clear K6InputError', async () => {
    const jsonFile = join(dir, 'valid-run.json');
    writeFileSync(jsonFile, VALID_LINES.join('\n'));
    const file = join(dir, 'summary-for-analysis.json');
    await fc.assert(
      fc.asyncProperty(mutatedJson(VALID_SUMMARY), async (summary) => {
        const text = JSON.stringify(summary) ?? 'null';
        writeFileSync(file, text);
        await expectSettlesClearly(() => analyzeK6Output({ jsonFile, summaryFile: file }), K6InputError, text);
      }),
      { ...FUZZ, numRuns: 100 },
    );
  });
});

describe('stock k6 inputs the fuzzing found', () => {
  it('quotes a summary.json that is a NUL and a line break on one line', async () => {
    const file = join(dir, 'nul-summary.json');
    writeFileSync(file, '\u0000\n');
    await expect(readK6Summary(file)).rejects.toThrow(/^[^\n]*nul-summary\.json: expected handleSummary JSON \([^\n]*\\u000a[^\n]*\)$/);
  });

  it.each(['toString', '__proto__', 'constructor'])('refuses a summary metric of type %s as an unknown type', async (type) => {
    const summary = structuredClone(VALID_SUMMARY) as { metrics: Record<string, Record<string, unknown>> };
    summary.metrics['vus']!.type = type;
    const file = join(dir, 'inherited-type.json');
    writeFileSync(file, JSON.stringify(summary));
    await expect(readK6Summary(file)).rejects.toThrow(`expected metrics["vus"].type to be counter, gauge, rate or trend; found "${type}"`);
  });

  it('refuses a summary metric whose type is an object with a toString field', async () => {
    const summary = structuredClone(VALID_SUMMARY) as { metrics: Record<string, Record<string, unknown>> };
    summary.metrics['vus']!.type = { toString: 1 };
    const file = join(dir, 'object-type.json');
    writeFileSync(file, JSON.stringify(summary));
    await expect(readK6Summary(file)).rejects.toThrow('expected metrics["vus"].type to be counter, gauge, rate or trend; found {"toString":1}');
  });

  it('keeps a Point tag named __proto__ instead of dropping it', async () => {
    const file = join(dir, 'proto-tag.json');
    writeFileSync(file, [VALID_LINES[2], VALID_LINES[3]!.replace('"tags":{', '"tags":{"__proto__":"x",')].join('\n'));
    const tagNames: string[][] = [];
    for await (const line of readK6Json(file)) if (line.kind === 'series') tagNames.push(Object.keys(line.tags));
    expect(tagNames).toEqual([expect.arrayContaining(['__proto__', 'scenario'])]);
  });
});
