import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReport } from '../../../../reports/report/index.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'loadbook-create-report-'));

describe('createReport', () => {
  it('refuses a k6 file that does not exist, naming the flag', async () => {
    await expect(createReport({ kind: 'k6', jsonFile: 'nope.json', summaryFile: undefined, outDir: temp() })).rejects.toThrow(
      'invalid --k6-json; expected a file written by k6, got "nope.json", which does not exist',
    );
  });

  it('refuses a k6 summary that does not exist, naming the flag', async () => {
    const json = new URL('../../../fixtures/k6/http-run.json', import.meta.url).pathname;
    await expect(createReport({ kind: 'k6', jsonFile: json, summaryFile: 'missing.json', outDir: temp() })).rejects.toThrow(
      'invalid --k6-summary; expected a file written by k6, got "missing.json", which does not exist',
    );
  });

  it('says there is no run yet when the runs folder is empty', async () => {
    await expect(createReport({ kind: 'run', run: undefined, runsRoot: join(temp(), 'out/runs') })).rejects.toThrow(/^no run folder in .*; run a phase first/);
  });

  it('reports a run folder that cannot be analysed as bad input, naming the folder', async () => {
    const root = temp();
    const runDir = join(root, '20261129-000000-smoke-broken');
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'plan.json'), '{"planVersion":1}');
    await expect(createReport({ kind: 'run', run: runDir })).rejects.toMatchObject({
      name: 'ReportError',
      message: expect.stringMatching(/^cannot analyse run .*20261129-000000-smoke-broken: .*; check the run folder is complete or run the phase again$/),
    });
  });
});
