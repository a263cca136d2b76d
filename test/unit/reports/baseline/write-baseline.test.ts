import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../../../reports/baseline/build-baseline.ts';
import { BaselineError } from '../../../../reports/baseline/baseline-error.ts';
import { readBaseline } from '../../../../reports/baseline/read-baseline.ts';
import { writeBaseline } from '../../../../reports/baseline/write-baseline.ts';
import { FIXTURE_PROVENANCE, steadyAnalysis } from '../../../fixtures/baselines/steady-analysis.ts';

const doc = () => buildBaseline(steadyAnalysis(), FIXTURE_PROVENANCE);

describe('writeBaseline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loadbook-baselines-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names both files after the phase and the run’s UTC date', () => {
    const written = writeBaseline(doc(), { dir });
    expect(written).toEqual({ markdownPath: join(dir, 'steady-2026-11-29.md'), jsonPath: join(dir, 'steady-2026-11-29.json') });
    expect(readdirSync(dir).sort()).toEqual(['steady-2026-11-29.json', 'steady-2026-11-29.md']);
  });

  it('writes a twin that readBaseline accepts and that holds what the analysis found', async () => {
    const { jsonPath } = writeBaseline(doc(), { dir });
    const read = await readBaseline(jsonPath);
    expect(read).toEqual(doc());
    expect(read.scenarios.map((scenario) => scenario.histograms.windows.length)).toEqual([36, 36, 36]);
  });

  it('never overwrites: a second baseline of the day gets -2 and the first keeps its bytes', () => {
    const first = writeBaseline(doc(), { dir });
    const before = [readFileSync(first.markdownPath), readFileSync(first.jsonPath)];
    const second = writeBaseline(doc(), { dir });
    const third = writeBaseline(doc(), { dir });
    expect(second.markdownPath).toBe(join(dir, 'steady-2026-11-29-2.md'));
    expect(third.jsonPath).toBe(join(dir, 'steady-2026-11-29-3.json'));
    expect([readFileSync(first.markdownPath), readFileSync(first.jsonPath)]).toEqual(before);
    expect(readFileSync(second.markdownPath, 'utf8')).toContain('[steady-2026-11-29-2.json](steady-2026-11-29-2.json)');
  });

  it('skips a stem whose twin alone exists, and leaves no markdown of its own behind there', () => {
    writeFileSync(join(dir, 'steady-2026-11-29.json'), 'somebody else’s');
    const written = writeBaseline(doc(), { dir });
    expect(written.markdownPath).toBe(join(dir, 'steady-2026-11-29-2.md'));
    expect(existsSync(join(dir, 'steady-2026-11-29.md'))).toBe(false);
    expect(readFileSync(join(dir, 'steady-2026-11-29.json'), 'utf8')).toBe('somebody else’s');
  });

  it('refuses an analysis that is not a valid baseline before writing anything', () => {
    const bad = doc();
    bad.scenarios[0]!.whole.latency!.p95 = Number.NaN;
    expect(() => writeBaseline(bad, { dir })).toThrow(BaselineError);
    expect(() => writeBaseline(bad, { dir })).toThrow(/^invalid \/scenarios\/0\/whole\/latency\/p95 in the baseline of run "20261129-021619-steady-5dp7bv"; expected a number, got null; /);
    expect(readdirSync(dir)).toEqual([]);
  });
});
