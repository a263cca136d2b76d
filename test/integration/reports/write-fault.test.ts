import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const moduleUrl = (file: string) => pathToFileURL(path.join(ROOT, file)).href;

/**
 * Runs `code` (an ES module body) in a child whose files may grow to `bytes` at most: a write past that
 * fails with EFBIG after writing what fits, as on a disk that fills up in the middle of a file.
 */
function withFileSizeLimit(bytes: number, code: string): { status: number | null; stderr: string } {
  const child = spawnSync('prlimit', [`--fsize=${bytes}`, process.execPath, '--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  return { status: child.status, stderr: child.stderr };
}

describe('files written when the disk refuses part of them', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a baseline leaves no file at all, neither cut short nor temporary, so a later write finds the name free', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'loadbook-baseline-fault-'));
    const result = withFileSizeLimit(
      2_048,
      `import { buildBaseline } from ${JSON.stringify(moduleUrl('reports/baseline/build-baseline.ts'))};
       import { writeBaseline } from ${JSON.stringify(moduleUrl('reports/baseline/write-baseline.ts'))};
       import { FIXTURE_PROVENANCE, steadyAnalysis } from ${JSON.stringify(moduleUrl('test/fixtures/baselines/steady-analysis.ts'))};
       writeBaseline(buildBaseline(steadyAnalysis(), FIXTURE_PROVENANCE), { dir: ${JSON.stringify(dir)} });`,
    );
    expect(result.stderr).toContain('EFBIG');
    expect(result.status).not.toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a report keeps the previous one whole and leaves no temporary file', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'loadbook-report-fault-'));
    writeFileSync(path.join(dir, 'report.md'), '# old\n');
    const result = withFileSizeLimit(
      2_048,
      `import { writeReportFiles } from ${JSON.stringify(moduleUrl('reports/report/write-report-files.ts'))};
       writeReportFiles(${JSON.stringify(dir)}, [{ path: 'report.md', content: '# new\\n' }, { path: 'report.html', content: 'x'.repeat(10_000) }]);`,
    );
    expect(result.stderr).toContain('EFBIG');
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('# old\n');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });
});
