import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PHASE_SCRIPT = new URL('../../../scripts/phase.ts', import.meta.url).pathname;
const TSX = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;

/** A phase script in a scratch folder, against a target nothing listens on, so that no shop is started. */
function runPhase(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [PHASE_SCRIPT, 'smoke', '--scenario', 'product-get', '--time-scale', '0.01', '--target', 'http://127.0.0.1:9', '--quiet', '--verdict', ...args], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a phase run with --verdict and bad verdict inputs', () => {
  // The script's wiring; every bad input the check finds is in test/unit/reports/verdict/verdict-inputs.test.ts.
  it.each([
    { name: 'a build id with spaces', args: () => ['--build', 'my build'], line: /^error: invalid --build; expected a build id of letters, digits, dots, dashes and underscores, such as a CI run id, got "my build"; pass another --build; nothing was run$/ },
  ])('refuses $name in one line with exit 2 before anything runs', async ({ args, line }) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'loadbook-verdict-inputs-'));
    const result = await runPhase(cwd, args());
    expect(result.stderr.trim()).toMatch(line);
    expect(result.code).toBe(2);
    expect(existsSync(path.join(cwd, 'out', 'runs'))).toBe(false);
    rmSync(cwd, { recursive: true, force: true });
  });
});
