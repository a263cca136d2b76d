import type { HistoryEntry } from './history-entry.ts';

/** The file names written entries have; anything else in the folder (temp files, notes) is not an entry. */
export const HISTORY_FILE_NAME = /^\d{8}T\d{6}Z-[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;

/**
 * `<yyyymmddThhmmssZ>-<build>.json`: names sort by creation time, and the build id keeps two builds of
 * the same second apart.
 */
export function historyFileName(entry: Pick<HistoryEntry, 'createdAt' | 'build'>): string {
  const stamp = new Date(entry.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(/[-:]/g, '');
  return `${stamp}-${entry.build}.json`;
}
