import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineError } from '../../../../reports/baseline/baseline-error.ts';
import { buildBaseline } from '../../../../reports/baseline/build-baseline.ts';
import { readBaseline } from '../../../../reports/baseline/read-baseline.ts';
import { writeBaseline } from '../../../../reports/baseline/write-baseline.ts';
import { FIXTURE_PROVENANCE, steadyAnalysis } from '../../../fixtures/baselines/steady-analysis.ts';

// The twin as parsed JSON, for corrupting at any depth.
type Json = Record<string, any>;

describe('readBaseline', () => {
  let dir: string;
  let twin: Json;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loadbook-read-baseline-'));
    const { jsonPath } = writeBaseline(buildBaseline(steadyAnalysis(), FIXTURE_PROVENANCE), { dir });
    twin = JSON.parse(readFileSync(jsonPath, 'utf8')) as Json;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function corrupted(name: string, change: (copy: Json) => void): string {
    const copy = structuredClone(twin);
    change(copy);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(copy));
    return file;
  }

  it('reads back a twin it wrote', async () => {
    const file = corrupted('intact.json', () => {});
    expect((await readBaseline(file)).scenarios[0]!.whole.latency!.p95).toBe(twin.scenarios[0].whole.latency.p95);
  });

  it.each<[string, (copy: Json) => void, RegExp]>([
    ['a p95 that is text', (copy) => (copy.scenarios[0].whole.latency.p95 = '40 ms'), /^invalid \/scenarios\/0\/whole\/latency\/p95 in .*bad\.json; expected a number, got "40 ms"; write it again with npm run baseline/],
    ['another schema version', (copy) => (copy.schemaVersion = 2), /^invalid \/schemaVersion in .*; expected 1, got 2; /],
    ['a missing histogram', (copy) => delete copy.scenarios[1].histograms, /^invalid \/scenarios\/1 in .*; expected the field "histograms", got none; /],
    ['an unknown field', (copy) => (copy.verdict = 'pass'), /^invalid \/verdict in .*; expected a known field \(.*\), got an unknown field "verdict"; /],
    ['a target that is a number', (copy) => (copy.run.target = 8080), /^invalid \/run\/target in .*; expected a string, got 8080; /],
    ['a histogram that is not base64', (copy) => (copy.scenarios[0].histograms.whole = 'not base64!'), /^invalid \/scenarios\/0\/histograms\/whole in .*; expected /],
  ])('refuses a twin with %s in one line naming the value', async (_, change, message) => {
    const file = corrupted('bad.json', change);
    const error = await readBaseline(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a file that is not JSON', async () => {
    const file = join(dir, 'truncated.json');
    writeFileSync(file, JSON.stringify(twin).slice(0, 200));
    await expect(readBaseline(file)).rejects.toThrow(/^invalid baseline ".*truncated\.json"; expected JSON, got .*; write it again with npm run baseline/);
  });

  it('refuses a file that does not exist, saying where baselines live', async () => {
    await expect(readBaseline(join(dir, 'nope.json'))).rejects.toThrow(
      /^invalid baseline; expected a readable JSON twin, got ".*nope\.json" \(ENOENT\); name a \.json file in docs\/perf\/baselines\/$/,
    );
  });
});
