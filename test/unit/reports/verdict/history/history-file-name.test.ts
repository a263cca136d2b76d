import { describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, historyFileName, validateHistoryEntry } from '../../../../../reports/verdict/history/index.ts';
import { historyEntry } from '../../../../fixtures/reports/history-entry-fixture.ts';

describe('historyFileName', () => {
  it.each([
    { createdAt: '2026-11-29T05:14:24.000Z', build: '123456', name: '20261129T051424Z-123456.json' },
    { createdAt: '2026-01-02T03:04:05.999Z', build: 'local-a1b2', name: '20260102T030405Z-local-a1b2.json' },
    { createdAt: '2026-12-31T23:59:59Z', build: 'gh.42_1', name: '20261231T235959Z-gh.42_1.json' },
  ])('names the build $build of $createdAt $name', ({ createdAt, build, name }) => {
    expect(historyFileName({ createdAt, build })).toBe(name);
    expect(HISTORY_FILE_NAME.test(name)).toBe(true);
  });

  it('sorts names in creation order', () => {
    const names = ['2026-11-29T10:00:00Z', '2026-11-29T09:59:59Z', '2025-12-31T23:00:00Z'].map((createdAt) => historyFileName({ createdAt, build: 'b' }));
    expect([...names].sort()).toEqual([names[2], names[1], names[0]]);
  });

  it.each(['.20261129T051424Z-1.json.123.abc.tmp', '20261129-051424-1.json', 'notes.md', '20261129T051424Z-1.json.bak'])(
    'does not take %s for an entry',
    (name) => {
      expect(HISTORY_FILE_NAME.test(name)).toBe(false);
    },
  );
});

describe('validateHistoryEntry', () => {
  it('accepts a complete entry, with or without a verdict', () => {
    expect(validateHistoryEntry(historyEntry(1, 100), 'x.json', 'fix it')).toEqual(historyEntry(1, 100));
    const withVerdict = historyEntry(1, 100, { verdict: { outcome: 'warn', summary: 'p95 up 12%' } });
    expect(validateHistoryEntry(withVerdict, 'x.json', 'fix it')).toEqual(withVerdict);
  });

  it('accepts a build without a commit and a scenario that counted nothing', () => {
    const entry = historyEntry(1, null, { commit: null });
    expect(validateHistoryEntry(entry, 'x.json', 'fix it')).toEqual(entry);
  });

  it.each([
    { change: { schemaVersion: 2 }, message: 'invalid /schemaVersion in x.json; expected 1, got 2; fix it' },
    { change: { build: '../etc' }, message: 'invalid /build in x.json; expected a build id' },
    { change: { createdAt: 'yesterday' }, message: 'invalid /createdAt in x.json; expected an ISO 8601 UTC timestamp' },
    { change: { commit: 'HEAD' }, message: 'invalid /commit in x.json; expected a git commit hash' },
    { change: { verdict: { outcome: 'fail' } }, message: 'invalid /verdict/outcome in x.json; expected one of "pass", "warn", "inconclusive", "block"' },
    { change: { extra: true }, message: 'invalid /extra in x.json; expected a known field' },
  ])('rejects $message', ({ change, message }) => {
    expect(() => validateHistoryEntry({ ...historyEntry(1, 100), ...change }, 'x.json', 'fix it')).toThrow(message);
  });

  it('rejects a scenario with a negative p95 or an error rate over 1', () => {
    const entry = historyEntry(1, 100);
    expect(() => validateHistoryEntry({ ...entry, scenarios: [{ ...entry.scenarios[0], p95: -1 }] }, 'x.json', 'fix it')).toThrow('/scenarios/0/p95');
    expect(() => validateHistoryEntry({ ...entry, scenarios: [{ ...entry.scenarios[0], errorRate: 2 }] }, 'x.json', 'fix it')).toThrow(
      '/scenarios/0/errorRate',
    );
  });
});
