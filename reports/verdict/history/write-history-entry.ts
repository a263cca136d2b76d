import { randomBytes } from 'node:crypto';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from './history-entry.ts';
import { historyFileName } from './history-file-name.ts';
import { validateHistoryEntry } from './validate-history-entry.ts';

/**
 * Writes one build's entry into the history folder as `<yyyymmddThhmmssZ>-<build>.json` and returns its
 * path. The JSON goes to a temp file of its own in the same folder first (opened `wx`, flushed), then is
 * hard-linked to its final name: `link` is atomic and fails when the name exists, so a reader never sees
 * half a file and two CI jobs never replace each other's entry. (A `rename` would silently replace.)
 *
 * @throws Error when the entry is invalid, or when an entry of that name exists already.
 */
export async function writeHistoryEntry(dir: string, entry: HistoryEntry): Promise<string> {
  const name = historyFileName(entry);
  validateHistoryEntry(entry, name, 'fix the entry before writing it');
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  // Starts with a dot so readHistory never takes it for an entry, even when a crashed writer leaves it behind.
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temp, 'wx');
  try {
    try {
      await file.writeFile(`${JSON.stringify(entry, null, 2)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await link(temp, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      throw new Error(`history entry ${path} exists already; expected a build id not written before, got "${entry.build}"`);
    });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return path;
}
