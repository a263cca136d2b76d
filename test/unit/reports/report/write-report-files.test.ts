import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReportFiles } from '../../../../reports/report/index.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'loadbook-report-files-'));

describe('writeReportFiles', () => {
  it('writes every file, chart folder included, and returns their paths', () => {
    const dir = folder();
    const paths = writeReportFiles(dir, [
      { path: 'report.md', content: '# new\n' },
      { path: 'charts/latency.svg', content: '<svg/>' },
    ]);
    expect(paths).toEqual([join(dir, 'report.md'), join(dir, 'charts/latency.svg')]);
    expect(readFileSync(join(dir, 'charts/latency.svg'), 'utf8')).toBe('<svg/>');
    expect(readdirSync(dir).sort()).toEqual(['charts', 'report.md']);
  });

  it('leaves the previous report whole and no temporary file behind when one file cannot be written', () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.md'), '# old\n');
    writeFileSync(join(dir, 'charts'), 'a file where the chart folder should be');
    expect(() =>
      writeReportFiles(dir, [
        { path: 'report.md', content: '# new\n' },
        { path: 'charts/latency.svg', content: '<svg/>' },
      ]),
    ).toThrow();
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('# old\n');
    expect(readdirSync(dir).sort()).toEqual(['charts', 'report.md']);
  });

  it('keeps files the new report does not produce, such as a chart skipped this time', () => {
    const dir = folder();
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts/kafka-lag.svg'), '<svg/>');
    writeReportFiles(dir, [{ path: 'report.md', content: '# new\n' }]);
    expect(existsSync(join(dir, 'charts/kafka-lag.svg'))).toBe(true);
  });
});
