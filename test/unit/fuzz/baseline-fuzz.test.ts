import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineError } from '../../../reports/baseline/baseline-error.ts';
import { readBaseline } from '../../../reports/baseline/read-baseline.ts';
import { expectSettlesClearly, FUZZ, jsonDocumentText, mutatedJson } from './fuzz-support.ts';

const repoRoot = join(import.meta.dirname, '../../..');
/** A committed twin, as a verdict reads it. */
const TWIN: unknown = JSON.parse(readFileSync(join(repoRoot, 'docs/perf/baselines/smoke-2026-11-29.json'), 'utf8'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loadbook-baseline-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the baseline reader under random and mutated twins', () => {
  it('reads any twin, random or a mutation of a committed one, or refuses it with one clear BaselineError', async () => {
    const file = join(dir, 'smoke-fuzzed.json');
    // Small random documents, and structural mutations of the committed twin (its text is 95 kB, so text edits stay few).
    const twinText = fc.oneof(jsonDocumentText({ schemaVersion: 1 }), mutatedJson(TWIN).map((value) => JSON.stringify(value) ?? 'null'));
    await fc.assert(
      fc.asyncProperty(twinText, async (text) => {
        writeFileSync(file, text);
        await expectSettlesClearly(() => readBaseline(file), BaselineError, text);
      }),
      { ...FUZZ, numRuns: 120 },
    );
  });
});

describe('baseline twins the fuzzing found', () => {
  it('quotes a twin that is a NUL and a line break on one line', async () => {
    const file = join(dir, 'nul.json');
    writeFileSync(file, '\u0000\n');
    await expect(readBaseline(file)).rejects.toThrow(/^invalid baseline "[^"]*nul\.json"; expected JSON, got [^\n]*\\u000a[^\n]*; write it again/);
  });

  it('refuses a twin whose histogram is base64 but not a histogram, naming it, before a verdict merges it', async () => {
    const twin = structuredClone(TWIN) as { scenarios: { histograms: { whole: string } }[] };
    const whole = twin.scenarios[0]!.histograms.whole;
    twin.scenarios[0]!.histograms.whole = whole.slice(0, whole.length - 8);
    const file = join(dir, 'cut-histogram.json');
    writeFileSync(file, JSON.stringify(twin));
    await expect(readBaseline(file)).rejects.toThrow(BaselineError);
    await expect(readBaseline(file)).rejects.toThrow(/^invalid \/scenarios\/0\/histograms\/whole in .*cut-histogram\.json; expected an HDR histogram in compressed base64, got one that cannot be decoded \(.+\); write it again/);
  });
});
