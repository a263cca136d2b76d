import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildBaseline } from '../../../../reports/baseline/build-baseline.ts';
import { writeBaseline } from '../../../../reports/baseline/write-baseline.ts';
import { FIXTURE_PROVENANCE, steadyAnalysis } from '../../../fixtures/baselines/steady-analysis.ts';

// A disk that fills up between the two files: every write of the .json (through its temporary file) fails with ENOSPC.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      if (/\.json(\.|$)/.test(String(args[0]))) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return fs.writeFileSync(...args);
    },
  };
});

describe('writeBaseline when the twin cannot be written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadbook-baselines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with the write error and removes the markdown it had written', () => {
    expect(() => writeBaseline(buildBaseline(steadyAnalysis(), FIXTURE_PROVENANCE), { dir })).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
