import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHistoryEntry } from '../../../../reports/verdict/history/index.ts';
import { verdictInputsProblem, type PhaseVerdictRequest } from '../../../../reports/verdict/verdict-inputs.ts';
import { historyEntry } from '../../../fixtures/reports/history-entry-fixture.ts';

/** A scratch folder with a history holding build run-1 of smoke, a cut baseline and a file where a folder should be. */
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'loadbook-verdict-inputs-'));
  mkdirSync(path.join(dir, 'history'));
  writeFileSync(path.join(dir, 'cut.json'), '{"schemaVersion":');
  writeFileSync(path.join(dir, 'a-file'), '');
  return dir;
}

describe('verdictInputsProblem, before a phase runs with --verdict', () => {
  it.each<{ name: string; request: (dir: string) => Partial<PhaseVerdictRequest>; problem: RegExp }>([
    { name: 'a build id with spaces', request: () => ({ build: 'my build' }), problem: /^invalid --build; expected a build id .*, got "my build"; pass another --build$/ },
    { name: 'a build id of 81 characters', request: () => ({ build: 'b'.repeat(81) }), problem: /^invalid --build; expected a build id/ },
    { name: 'a build already in the history', request: () => ({ build: 'run-1' }), problem: /^history entry of build run-1 for smoke exists already in .*history; pass another --build$/ },
    { name: 'a missing baseline', request: (dir) => ({ baseline: path.join(dir, 'missing.json') }), problem: /^invalid baseline; expected a readable JSON twin, got ".*missing.json" \(ENOENT\)/ },
    { name: 'a baseline cut short', request: (dir) => ({ baseline: path.join(dir, 'cut.json') }), problem: /^invalid baseline ".*cut.json"; expected JSON, got / },
    { name: 'a baseline that is not a baseline', request: () => ({ baseline: 'package.json' }), problem: /package.json/ },
    { name: 'a history folder that is a file', request: (dir) => ({ history: path.join(dir, 'a-file') }), problem: /^cannot read the history folder .*a-file: .*ENOTDIR/ },
  ])('names $name', async ({ request, problem }) => {
    const dir = scratch();
    await writeHistoryEntry(path.join(dir, 'history'), historyEntry(1, 10));
    const found = await verdictInputsProblem({ phase: 'smoke', baseline: false, history: path.join(dir, 'history'), ...request(dir) });
    expect(found).toMatch(problem);
  });

  it('finds none in a valid build, a readable baseline and a history without that build', async () => {
    const dir = scratch();
    const request = { phase: 'smoke', baseline: 'docs/perf/baselines/smoke-2026-11-29.json', history: path.join(dir, 'history'), build: 'run-2' };
    await expect(verdictInputsProblem(request)).resolves.toBeUndefined();
  });
});
