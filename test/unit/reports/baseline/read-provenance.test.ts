import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProvenance } from '../../../../reports/baseline/read-provenance.ts';
import packageJson from '../../../../package.json' with { type: 'json' };

describe('readProvenance', () => {
  const outside = mkdtempSync(join(tmpdir(), 'loadbook-no-git-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('records the commit of loadbook’s work tree and its package version', () => {
    const provenance = readProvenance();
    expect(provenance.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof provenance.gitDirty).toBe('boolean');
    expect(provenance.loadbookVersion).toBe(packageJson.version);
  });

  it('says unknown outside a git work tree', () => {
    expect(readProvenance(outside)).toEqual({ gitCommit: 'unknown', gitDirty: null, loadbookVersion: packageJson.version });
  });
});
