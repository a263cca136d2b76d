import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHistory, writeHistoryEntry, type HistoryEntry } from '../../../reports/verdict/history/index.ts';
import { historyEntry } from '../../fixtures/reports/history-entry-fixture.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loadbook-history-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a Node process that writes `count` entries with builds `<prefix>-<i>`, all stamped the same second. */
function writerProcess(prefix: string, count: number): Promise<number | null> {
  const script = `
    import { writeHistoryEntry } from ${JSON.stringify(join(ROOT, 'reports/verdict/history/index.ts'))};
    import { historyEntry } from ${JSON.stringify(join(ROOT, 'test/fixtures/reports/history-entry-fixture.ts'))};
    await Promise.all(Array.from({ length: ${count} }, (_, i) =>
      writeHistoryEntry(${JSON.stringify(dir)}, { ...historyEntry(0, 100 + i), build: '${prefix}-' + i })));
  `;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', done);
  });
}

describe('writeHistoryEntry and readHistory', () => {
  it('writes one file per build that reads back as the same entry', async () => {
    const entry = historyEntry(3, 120, { verdict: { outcome: 'pass' } });
    const path = await writeHistoryEntry(dir, entry);
    expect(path).toBe(join(dir, '20261101T030000Z-run-3.json'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(entry);
    expect(await readHistory(dir)).toEqual({ entries: [entry], skipped: [] });
  });

  it('lands every one of 50 concurrent writes of the same second and leaves no temp file', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ ...historyEntry(0, 100 + i), build: `job-${i}` }));
    await Promise.all(entries.map((entry) => writeHistoryEntry(dir, entry)));
    expect((await readdir(dir)).length).toBe(50);
    const { entries: read, skipped } = await readHistory(dir);
    expect(skipped).toEqual([]);
    expect(new Set(read.map(({ build }) => build))).toEqual(new Set(entries.map(({ build }) => build)));
  });

  it('lands the entries of two writer processes running at once', async () => {
    const codes = await Promise.all([writerProcess('ci-a', 20), writerProcess('ci-b', 20)]);
    expect(codes).toEqual([0, 0]);
    const names = await readdir(dir);
    expect(names.filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await readHistory(dir)).entries.map(({ build }) => build).sort()).toEqual(
      [...Array.from({ length: 20 }, (_, i) => `ci-a-${i}`), ...Array.from({ length: 20 }, (_, i) => `ci-b-${i}`)].sort(),
    );
  });

  it('never replaces an existing entry: a second write of the same build fails and the first stays', async () => {
    const first = historyEntry(1, 100);
    await writeHistoryEntry(dir, first);
    const results = await Promise.allSettled([writeHistoryEntry(dir, { ...first, phase: 'other' }), writeHistoryEntry(dir, { ...first, phase: 'again' })]);
    expect(results.map(({ status }) => status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain('exists already; expected a build id not written before, got "run-1"');
    expect(await readdir(dir)).toEqual(['20261101T010000Z-run-1.json']);
    expect((await readHistory(dir)).entries).toEqual([first]);
  });

  it('refuses an invalid entry without writing anything', async () => {
    await expect(writeHistoryEntry(dir, { ...historyEntry(1, 100), build: 'a/b' })).rejects.toThrow('invalid /build');
    expect(await readdir(dir)).toEqual([]);
  });

  it('sorts entries by createdAt and keeps only the asked phase', async () => {
    // Written newest first, and one of another phase in between.
    for (const entry of [historyEntry(5, 105), historyEntry(2, 102, { phase: 'steady' }), historyEntry(1, 101), historyEntry(3, 103)]) {
      await writeHistoryEntry(dir, entry);
    }
    const builds = (history: { entries: HistoryEntry[] }) => history.entries.map(({ build }) => build);
    expect(builds(await readHistory(dir))).toEqual(['run-1', 'run-2', 'run-3', 'run-5']);
    expect(builds(await readHistory(dir, { phase: 'smoke' }))).toEqual(['run-1', 'run-3', 'run-5']);
    expect(builds(await readHistory(dir, { phase: 'steady' }))).toEqual(['run-2']);
  });

  it('skips and reports broken or invalid files, ignores files that are not entries, and reads the rest', async () => {
    await writeHistoryEntry(dir, historyEntry(1, 100));
    await writeFile(join(dir, '20261101T020000Z-torn.json'), '{"schemaVersion": 1, "bui');
    await writeFile(join(dir, '20261101T030000Z-old.json'), JSON.stringify({ ...historyEntry(3, 100), schemaVersion: 0 }));
    await writeFile(join(dir, '.20261101T040000Z-x.json.1.abc.tmp'), '{');
    await writeFile(join(dir, 'README.md'), '# history');
    const { entries, skipped } = await readHistory(dir);
    expect(entries.map(({ build }) => build)).toEqual(['run-1']);
    expect(skipped.map(({ file }) => file)).toEqual(['20261101T020000Z-torn.json', '20261101T030000Z-old.json']);
    expect(skipped[0]!.reason).toMatch(/JSON/);
    expect(skipped[1]!.reason).toBe('invalid /schemaVersion in 20261101T030000Z-old.json; expected 1, got 0; delete or fix the file');
  });

  it('reads a missing folder as an empty history', async () => {
    expect(await readHistory(join(dir, 'none'))).toEqual({ entries: [], skipped: [] });
  });
});
