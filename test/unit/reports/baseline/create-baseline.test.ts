import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaselineError } from '../../../../reports/baseline/baseline-error.ts';
import { createBaseline } from '../../../../reports/baseline/create-baseline.ts';
import { RunNotFoundError } from '../../../../reports/resolve-run-dir.ts';
import { FIXTURE_PROVENANCE, steadyAnalysis } from '../../../fixtures/baselines/steady-analysis.ts';

const RUN = '20261129-021619-steady-5dp7bv';

describe('createBaseline', () => {
  let root: string;
  let runsRoot: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'loadbook-create-baseline-'));
    runsRoot = join(root, 'runs');
    dir = join(root, 'baselines');
    mkdirSync(join(runsRoot, RUN), { recursive: true });
    writeFileSync(join(runsRoot, RUN, 'plan.json'), '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const analyzed: string[] = [];
  const analyze = async (runDir: string) => {
    analyzed.push(runDir);
    return steadyAnalysis();
  };

  it('takes the latest run when none is named and writes both files', async () => {
    const written = await createBaseline({ runsRoot, dir, analyze, provenance: FIXTURE_PROVENANCE });
    expect(analyzed.at(-1)).toBe(join(runsRoot, RUN));
    expect(written.markdownPath).toBe(join(dir, 'steady-2026-11-29.md'));
    expect(readdirSync(dir).sort()).toEqual(['steady-2026-11-29.json', 'steady-2026-11-29.md']);
  });

  it('refuses a run that does not exist and writes nothing', async () => {
    await expect(createBaseline({ run: 'nope', runsRoot, dir, analyze, provenance: FIXTURE_PROVENANCE })).rejects.toThrow(RunNotFoundError);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a missing templates folder before analysing the run', async () => {
    const before = analyzed.length;
    const attempt = createBaseline({ run: RUN, runsRoot, dir, templatesDir: join(root, 'nope'), analyze, provenance: FIXTURE_PROVENANCE });
    await expect(attempt).rejects.toThrow(/^invalid --templates; /);
    expect(analyzed.length).toBe(before);
    expect(existsSync(dir)).toBe(false);
  });

  it('turns a run that cannot be analysed into one line naming the run and writes nothing', async () => {
    const broken = async () => {
      throw new SyntaxError('Unexpected end of JSON input\n    at JSON.parse');
    };
    const attempt = createBaseline({ run: RUN, runsRoot, dir, analyze: broken, provenance: FIXTURE_PROVENANCE });
    await expect(attempt).rejects.toThrow(BaselineError);
    await expect(createBaseline({ run: RUN, runsRoot, dir, analyze: broken, provenance: FIXTURE_PROVENANCE })).rejects.toThrow(
      /^cannot analyse run .*steady-5dp7bv: Unexpected end of JSON input; check the run folder is complete or run the phase again$/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
