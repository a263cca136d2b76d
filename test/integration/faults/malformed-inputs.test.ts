import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../support/run-cli.ts';
import { runScript } from '../../support/run-script.ts';
import { trendDelta } from '../../unit/reports/analysis/timeline-fixture.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STARTED_AT = 1_700_000_000_000;
const HEADER = JSON.stringify({ kind: 'header', version: 1, startedAt: STARTED_AT, hdrUnit: 'us', significantDigits: 3 });
const RECORD = JSON.stringify({
  kind: 'series',
  second: 0,
  time: STARTED_AT,
  ...trendDelta('http_req_duration', { scenario: 'product-get', stage: 'steady' }, [10, 20]),
});
const PLAN = JSON.stringify({
  phase: 'smoke',
  createdAt: new Date(STARTED_AT).toISOString(),
  scenarios: [{ name: 'product-get', budgetP95Ms: 120, stages: [{ label: 'steady', startMs: 0, endMs: 1000, startRate: 2, endRate: 2 }], totalMs: 1000 }],
  options: { thresholds: { 'http_req_duration{scenario:product-get}': ['p(95)<120'] } },
});
const EARLIER_REPORT = '# the earlier report\n';

/** A run folder with plan.json, the given timeline lines and an earlier report.md that must survive. */
function runFolder(parent: string, name: string, timelineLines: readonly string[]): string {
  const dir = join(parent, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'plan.json'), PLAN);
  writeFileSync(join(dir, 'timeline.ndjson.gz'), gzipSync(timelineLines.join('\n')));
  writeFileSync(join(dir, 'report.md'), EARLIER_REPORT);
  return dir;
}

/** Every file under `dir` with its content, to show nothing was added, changed or removed. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(join(dir, file)).isFile())
      .map((file) => [file, readFileSync(join(dir, file), 'base64')]),
  );
}

function expectOneLine(result: CliResult, code: number, line: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(line);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('malformed inputs: one line, the documented exit code, nothing overwritten', () => {
  const work = mkdtempSync(join(tmpdir(), 'loadbook-malformed-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const baselines = join(work, 'baselines');
  const results: Record<string, CliResult> = {};
  let damagedRun: string;
  let healthyRun: string;
  let k6Out: string;
  let baselinesBefore: Record<string, string>;
  const runFoldersNow = () => (existsSync(join(ROOT, 'out/runs')) ? readdirSync(join(ROOT, 'out/runs')) : []);
  let runFoldersBefore: string[];

  beforeAll(async () => {
    mkdirSync(baselines);
    cpSync(join(ROOT, 'docs/perf/baselines/smoke-2026-11-29.json'), join(baselines, 'smoke-2026-11-29.json'));
    cpSync(join(ROOT, 'docs/perf/baselines/smoke-2026-11-29.md'), join(baselines, 'smoke-2026-11-29.md'));
    baselinesBefore = snapshot(baselines);
    runFoldersBefore = runFoldersNow();
    // A record whose tags were lost mid-file: not a truncation, a damaged line.
    damagedRun = runFolder(work, '20261206-000000-smoke-damage', [HEADER, RECORD.replace(/"tags":\{[^}]*\}/, '"tags":null')]);
    healthyRun = runFolder(work, '20261206-000001-smoke-health', [HEADER, RECORD]);
    writeFileSync(join(work, 'corrupt-baseline.json'), '{"schemaVersion":1,"scenarios":[');
    writeFileSync(join(work, 'corrupt-summary.json'), '{"root_group":');
    k6Out = join(work, 'k6-report');
    mkdirSync(k6Out);
    writeFileSync(join(k6Out, 'report.md'), EARLIER_REPORT);
    writeFileSync(join(work, 'syntax.ts'), 'export default async function () {\n  const x = ;\n}\n');
    writeFileSync(join(work, 'threshold.ts'), "export const options = { iterations: 1, thresholds: { http_req_duration: ['p(95)<<200'] } };\nexport default async function () {}\n");
    writeFileSync(join(work, 'bad-config.json'), '{"baselineRate": "fast"}');

    // Side by side: each is a separate process reading its own input.
    const runs: Record<string, Promise<CliResult>> = {
      script: runCli(['run', join(work, 'syntax.ts'), '-q']),
      threshold: runCli(['run', join(work, 'threshold.ts'), '-q']),
      config: runScript('phase.ts', ['smoke', '--config', join(work, 'bad-config.json'), '--time-scale', '0.01']),
      timelineReport: runScript('report.ts', [damagedRun]),
      timelineBaseline: runScript('baseline.ts', [damagedRun, '--dir', baselines]),
      baselineVerdict: runScript('verdict.ts', [healthyRun, '--baseline', join(work, 'corrupt-baseline.json'), '--no-history']),
      summaryReport: runScript('report.ts', ['--k6-json', join(ROOT, 'test/fixtures/k6/http-run.json'), '--k6-summary', join(work, 'corrupt-summary.json'), '--out', k6Out]),
    };
    for (const [name, run] of Object.entries(runs)) results[name] = await run;
  }, 120_000);

  it('refuses a script with a syntax error with exit 107, naming the file and position', () => {
    expectOneLine(results.script!, 107, /^error: script ".*syntax\.ts" does not build: .*syntax\.ts:2:\d+: Unexpected ";"$/);
  });

  it('refuses a malformed threshold expression with exit 104, naming it', () => {
    expectOneLine(results.threshold!, 104, /^error: invalid threshold "p\(95\)<<200" for metric "http_req_duration"; expected "aggregation operator number"/);
  });

  it('refuses a config with a value of the wrong type with exit 104 before any run folder is made', () => {
    expectOneLine(results.config!, 104, /^error: invalid \/baselineRate in .*bad-config\.json; expected a number, got "fast"; edit /);
    expect(runFoldersNow()).toEqual(runFoldersBefore);
  });

  it('refuses a damaged timeline record in npm run report with exit 2, keeping the earlier report', () => {
    expectOneLine(results.timelineReport!, 2, /^error: cannot analyse run .*; expected tags to be an object of string tags, got null; check the run folder/);
    expect(readFileSync(join(damagedRun, 'report.md'), 'utf8')).toBe(EARLIER_REPORT);
  });

  it('refuses a damaged timeline record in npm run baseline with exit 2, leaving the baselines folder as it was', () => {
    expectOneLine(results.timelineBaseline!, 2, /^error: .*expected tags to be an object of string tags, got null/);
    expect(snapshot(baselines)).toEqual(baselinesBefore);
  });

  it('refuses a corrupt baseline twin in npm run verdict with exit 2, writing no verdict', () => {
    expectOneLine(results.baselineVerdict!, 2, /^error: invalid baseline ".*corrupt-baseline\.json"; expected JSON, got .*; write it again with npm run baseline/);
    expect(readdirSync(healthyRun).filter((file) => file.startsWith('verdict'))).toEqual([]);
  });

  it('refuses a corrupt summary.json in npm run report with exit 2, keeping the earlier report in --out', () => {
    expectOneLine(results.summaryReport!, 2, /^error: cannot analyse k6 output: .*corrupt-summary\.json: expected handleSummary JSON/);
    expect(readdirSync(k6Out)).toEqual(['report.md']);
    expect(readFileSync(join(k6Out, 'report.md'), 'utf8')).toBe(EARLIER_REPORT);
  });
});
