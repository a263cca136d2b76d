import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProvenance } from '../../../plan/read-provenance.ts';
import packageJson from '../../../package.json' with { type: 'json' };

// A release tarball has no .git: there the first test has nothing to read.
const IN_GIT = existsSync(new URL('../../../.git', import.meta.url));

describe('readProvenance', () => {
  const outside = mkdtempSync(join(tmpdir(), 'loadbook-no-git-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it.skipIf(!IN_GIT)('records the commit of loadbook’s work tree and its package version', () => {
    const provenance = readProvenance();
    expect(provenance.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof provenance.gitDirty).toBe('boolean');
    expect(provenance.loadbookVersion).toBe(packageJson.version);
  });

  it('says unknown outside a git work tree', () => {
    expect(readProvenance(outside)).toEqual({ gitCommit: 'unknown', gitDirty: null, loadbookVersion: packageJson.version });
  });
});
