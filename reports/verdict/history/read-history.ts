import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from './history-entry.ts';
import { HISTORY_FILE_NAME } from './history-file-name.ts';
import { validateHistoryEntry } from './validate-history-entry.ts';

/** Options of {@link readHistory}. */
export interface ReadHistoryOptions {
  /** Keeps only the entries of this phase. @default every phase */
  phase?: string;
}

/** A file in the history folder that was not a valid entry, and why. */
export interface SkippedHistoryFile {
  file: string;
  reason: string;
}

/** What {@link readHistory} found. */
export interface History {
  /** Valid entries, oldest first (by createdAt, then by file name). */
  entries: HistoryEntry[];
  /** Entry-named files that could not be read or were invalid; one bad file never hides the others. */
  skipped: SkippedHistoryFile[];
}

/**
 * Reads every `<yyyymmddThhmmssZ>-<build>.json` in the folder. A missing folder is an empty history.
 * Other files (writers' `.tmp` files, notes) are ignored, not reported.
 */
export async function readHistory(dir: string, { phase }: ReadHistoryOptions = {}): Promise<History> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const found: { file: string; entry: HistoryEntry }[] = [];
  const skipped: SkippedHistoryFile[] = [];
  for (const file of names.filter((name) => HISTORY_FILE_NAME.test(name)).sort()) {
    try {
      const entry = validateHistoryEntry(JSON.parse(await readFile(join(dir, file), 'utf8')), file, 'delete or fix the file');
      if (phase === undefined || entry.phase === phase) found.push({ file, entry });
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  found.sort((a, b) => Date.parse(a.entry.createdAt) - Date.parse(b.entry.createdAt) || (a.file < b.file ? -1 : 1));
  return { entries: found.map(({ entry }) => entry), skipped };
}
