import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunFolder, runTimestamp } from '../../../plan/run-folder.ts';

const NOW = new Date('2025-11-29T07:05:09.999Z');
let root: string;

beforeEach(() => {
  root = join(mkdtempSync(join(tmpdir(), 'loadbook-runs-')), 'out', 'runs');
});
afterEach(() => rmSync(join(root, '..', '..'), { recursive: true, force: true }));

describe('createRunFolder', () => {
  it('creates <yyyymmdd-hhmmss>-<phase>-<6-char id> under the root, creating the root', () => {
    const folder = createRunFolder({ phase: 'smoke', now: NOW, root });
    expect(basename(folder)).toMatch(/^20251129-070509-smoke-[a-z0-9]{6}$/);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('never reuses an existing folder: on a clash it draws another id', () => {
    const ids = ['aaaaaa', 'aaaaaa', 'bbbbbb'];
    const existing = join(root, '20251129-070509-spike-aaaaaa');
    mkdirSync(existing, { recursive: true });
    writeFileSync(join(existing, 'summary.json'), '{}');
    const folder = createRunFolder({ phase: 'spike', now: NOW, root, randomId: () => ids.shift()! });
    expect(basename(folder)).toBe('20251129-070509-spike-bbbbbb');
    expect(readdirSync(existing)).toEqual(['summary.json']);
  });

  it('gives two runs started in the same second different folders', () => {
    const first = createRunFolder({ phase: 'smoke', now: NOW, root });
    const second = createRunFolder({ phase: 'smoke', now: NOW, root });
    expect(first).not.toBe(second);
    expect(existsSync(first) && existsSync(second)).toBe(true);
  });

  it('gives up with a message after ten clashes in a row', () => {
    mkdirSync(join(root, '20251129-070509-soak-cccccc'), { recursive: true });
    expect(() => createRunFolder({ phase: 'soak', now: NOW, root, randomId: () => 'cccccc' })).toThrow(
      `cannot create a run folder in ${root}: 10 names in a row already existed`,
    );
  });

  it.each([['../etc'], ['Smoke'], [''], ['smoke/x']])('refuses phase %j, which would not make a plain folder name', (phase) => {
    expect(() => createRunFolder({ phase, now: NOW, root })).toThrow(/^invalid phase; expected a lower-case name/);
  });
});

describe('runTimestamp', () => {
  it.each([
    ['2025-11-29T07:05:09.999Z', '20251129-070509'],
    ['2026-01-01T00:00:00.000Z', '20260101-000000'],
    ['2025-12-31T23:59:59.000Z', '20251231-235959'],
  ])('writes %s as %s, in UTC', (iso, stamp) => {
    expect(runTimestamp(new Date(iso))).toBe(stamp);
  });
});
