import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReportFile } from './build-report.ts';

/**
 * Writes a report's files under `dir`, all or nothing: each goes to a temporary file first and only when
 * every one is written are they renamed into place, so a failure leaves the folder's previous report
 * whole. Files the new report does not produce (a chart skipped this time) are left alone.
 *
 * @returns The paths written, `dir` joined with each file's path.
 */
export function writeReportFiles(dir: string, files: readonly ReportFile[]): string[] {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      const path = join(dir, file.path);
      // Hidden, so that one a killed writer leaves behind is never taken for a report file.
      const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      mkdirSync(dirname(path), { recursive: true });
      staged.push({ temp, path });
      writeFileSync(temp, file.content);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, path } of staged) renameSync(temp, path);
  return staged.map(({ path }) => path);
}
