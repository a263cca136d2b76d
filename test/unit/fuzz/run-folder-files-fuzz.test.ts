import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LoadbookError } from '../../../engine/errors.ts';
import { readExemplars } from '../../../reports/analysis/read-exemplars.ts';
import { analyzeRun } from '../../../reports/analysis/analyze-run.ts';
import { trendDelta } from '../reports/analysis/timeline-fixture.ts';
import { anyJson, expectSettlesClearly, FUZZ, jsonDocumentText, mutatedJson, mutatedText } from './fuzz-support.ts';

const STARTED_AT = 1_700_000_000_000;
const TIMELINE = [
  { kind: 'header', version: 1, startedAt: STARTED_AT, hdrUnit: 'us', significantDigits: 3 },
  { kind: 'series', second: 0, time: STARTED_AT, ...trendDelta('http_req_duration', { scenario: 'product-get', stage: 'steady' }, [10, 20]) },
];
const PLAN = {
  phase: 'smoke',
  createdAt: new Date(STARTED_AT).toISOString(),
  timeScale: 1,
  totalMs: 2000,
  stages: [{ label: 'steady', startMs: 0, endMs: 2000 }],
  config: { reports: { topN: 10, sampleIntervalS: 5, cacheHitTarget: 0.85, cacheWarmupS: 600, leakMibPerHour: 50 } },
  scenarios: [{ name: 'product-get', budgetP95Ms: 120, stages: [{ label: 'steady', startMs: 0, endMs: 2000, startRate: 1, endRate: 1 }], totalMs: 2000 }],
  options: { thresholds: { 'http_req_duration{scenario:product-get}': ['p(95)<120'] } },
};
const EXEMPLARS = {
  version: 1,
  perScenario: 10,
  exemplars: [
    {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      metric: 'http_req_duration',
      durationMs: 20,
      time: new Date(STARTED_AT).toISOString(),
      scenario: 'product-get',
      name: 'http://127.0.0.1:3300/products/1',
      status: '200',
      attributes: { 'cache.hit': 'true' },
    },
  ],
};
const at = (second: number) => new Date(STARTED_AT + second * 1000).toISOString();
const SERVER_LINES = [
  { time: at(0), source: 'http://127.0.0.1:3300/metrics', kind: 'saturation', cpuPercent: 12, heapUsedBytes: 4e7, gcPauses: { count: 1, seconds: 0.01 } },
  { time: at(1), source: 'kafka', kind: 'kafka-lag', group: 'shop-consumer', topic: 'shop.orders', total: 3, partitions: [{ partition: 0, lag: 3 }] },
  { time: at(1), source: 'http://127.0.0.1:3300/metrics', kind: 'sampler-error', error: 'could not scrape', suppressed: 0 },
].map((line) => JSON.stringify(line));

let runDir: string;
beforeEach(() => {
  runDir = mkdtempSync(join(tmpdir(), 'loadbook-run-files-fuzz-'));
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(PLAN));
  writeFileSync(join(runDir, 'timeline.ndjson.gz'), gzipSync(TIMELINE.map((line) => JSON.stringify(line)).join('\n')));
  writeFileSync(join(runDir, 'exemplars.json'), JSON.stringify(EXEMPLARS));
  writeFileSync(join(runDir, 'server.ndjson'), SERVER_LINES.join('\n'));
});
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

/** Writes one fuzzed file into the run folder and analyses the run: a value, or one clear error, never a crash. */
async function analyseWith(file: string, text: string): Promise<void> {
  writeFileSync(join(runDir, file), text);
  await expectSettlesClearly(() => analyzeRun(runDir), Error, text);
}

describe('the other run folder files under random and mutated content', () => {
  it('analyses a run with any exemplars.json, or refuses it with one clear error', async () => {
    await fc.assert(fc.asyncProperty(jsonDocumentText(EXEMPLARS), (text) => analyseWith('exemplars.json', text)), { ...FUZZ, numRuns: 40 });
  });

  it('analyses a run with any one line of server.ndjson fuzzed, skipping or refusing it clearly', async () => {
    const fuzzedLines = fc
      .tuple(
        fc.nat({ max: SERVER_LINES.length - 1 }),
        fc.oneof(
          fc.constantFrom(...SERVER_LINES).chain((line) => mutatedJson(JSON.parse(line))).map((value) => JSON.stringify(value) ?? 'null'),
          anyJson.map((value) => JSON.stringify(value) ?? 'null'),
          fc.constantFrom(...SERVER_LINES).chain(mutatedText),
        ),
      )
      .map(([index, line]) => SERVER_LINES.map((valid, i) => (i === index ? line : valid)).join('\n'));
    await fc.assert(fc.asyncProperty(fuzzedLines, (text) => analyseWith('server.ndjson', text)), { ...FUZZ, numRuns: 40 });
  });
});

describe('plan.json under random and mutated content', () => {
  it('analyses a run with any plan.json, or refuses it with one clear error', async () => {
    await fc.assert(fc.asyncProperty(jsonDocumentText(PLAN), (text) => analyseWith('plan.json', text)), { ...FUZZ, numRuns: 40 });
  });

  const withPlan = (plan: unknown) => {
    writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
    return analyzeRun(runDir);
  };

  it.each<[string, unknown, string]>([
    ['an empty object', {}, 'expected scenarios to be an array of scenarios, each with a name and stages, got nothing'],
    ['a scenario without stages', { ...PLAN, scenarios: [{ name: 'product-get', budgetP95Ms: 120 }] }, 'expected scenarios to be an array of scenarios'],
    ['a null threshold entry', { ...PLAN, options: { thresholds: { 'http_req_duration{scenario:product-get}': [null] } } }, 'expected options.thresholds to be an object of arrays'],
    ['no options', { ...PLAN, options: undefined }, 'expected options to be an object, got nothing'],
    ['a totalMs that is an object', { ...PLAN, totalMs: {} }, 'expected totalMs to be a number of milliseconds, got {}'],
  ])('refuses a plan.json with %s with a LoadbookError naming the field, not a TypeError', async (_case, plan, message) => {
    await expect(withPlan(plan)).rejects.toThrow(LoadbookError);
    await expect(withPlan(plan)).rejects.toThrow(message);
  });

  it('refuses a plan.json that is not JSON on one line, naming the file', async () => {
    writeFileSync(join(runDir, 'plan.json'), '{\n');
    await expect(analyzeRun(runDir)).rejects.toThrow(/^invalid .*plan\.json; expected JSON, got [^\n]*; run the phase again/);
  });
});

describe('exemplars files the fuzzing found', () => {
  it('says an empty object has no version rather than "version undefined"', async () => {
    writeFileSync(join(runDir, 'exemplars.json'), '{}');
    await expect(readExemplars(join(runDir, 'exemplars.json'))).rejects.toThrow(
      /; expected version 1 with an exemplars array, got no version$/,
    );
  });

  it('refuses a null exemplar with a LoadbookError naming it, instead of a TypeError while sorting', async () => {
    writeFileSync(join(runDir, 'exemplars.json'), JSON.stringify({ version: 1, exemplars: [null, null] }));
    const read = readExemplars(join(runDir, 'exemplars.json'));
    await expect(read).rejects.toThrow(LoadbookError);
    await expect(readExemplars(join(runDir, 'exemplars.json'))).rejects.toThrow('expected exemplar 0 to have string ids, names and attributes and a durationMs, got null');
  });
});
