import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../support/run-script.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const baselineScript = (args: string[]) => runScript('baseline.ts', args);

describe('npm run baseline on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadbook-baseline-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'baselines');
  // A folder resolveRunDir accepts, so the templates check is what fails.
  const run = join(dir, '20261129-021619-steady-5dp7bv');
  mkdirSync(run);
  writeFileSync(join(run, 'plan.json'), '{}');

  it('prints its help and exits 0', async () => {
    const result = await baselineScript(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run baseline -- \[RUN\] \[flags\]/);
    expect(result.stdout).toContain('--templates DIR');
  });

  it.each<[string, string[], RegExp]>([
    ['a run that does not exist', ['no-such-run', '--dir', out], /^error: invalid run; expected a run folder .*, got "no-such-run"\n$/],
    ['a folder that is not a run', [dir, '--dir', out], /^error: invalid run; expected a run folder with plan\.json, got ".*" without one; name a folder under out\/runs\/\n$/],
    ['a missing templates folder', [run, '--templates', join(dir, 'nope'), '--dir', out], /^error: invalid --templates; expected a folder of \.hbs templates, got ".*nope"; .*\n$/],
    ['an unknown flag', ['--force'], /^error: Unknown option '--force'.*; run with --help for the flags\n$/],
    ['two runs', ['a', 'b'], /^error: invalid RUN; expected at most one run folder, got 2: a b; run with --help\n$/],
  ])('refuses %s with one line on stderr, exit 2 and nothing written', async (_, args, message) => {
    const result = await baselineScript(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
