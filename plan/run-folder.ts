import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where run folders go, relative to the working directory (gitignored via out/). */
export const DEFAULT_RUNS_ROOT = 'out/runs';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 6;
// 36^6 ≈ 2 billion ids: a clash within one second is already unlikely; a few retries make it impossible.
const MAX_ATTEMPTS = 10;
const FOLDER_PART = /^[a-z][a-z0-9-]*$/;

/** What createRunFolder needs. */
export interface RunFolderInput {
  /** Phase name, part of the folder name. */
  phase: string;
  /** The run's start; the folder name carries it in UTC. */
  now: Date;
  /**
   * Folder the run folder is created in; created if missing.
   * @default 'out/runs'
   */
  root?: string;
  /**
   * Id source, for tests.
   * @default 6 random characters from [a-z0-9]
   */
  randomId?: () => string;
}

function randomId(): string {
  let id = '';
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** `yyyymmdd-hhmmss` in UTC, so folder names sort by start time whatever the machine's time zone. */
export function runTimestamp(now: Date): string {
  const iso = now.toISOString(); // 2025-11-29T00:33:07.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/**
 * Creates a new, empty run folder `<root>/<yyyymmdd-hhmmss>-<phase>-<id>/` and returns its path. An
 * existing folder is never reused: on a name clash another id is drawn.
 */
export function createRunFolder({ phase, now, root = DEFAULT_RUNS_ROOT, randomId: nextId = randomId }: RunFolderInput): string {
  if (!FOLDER_PART.test(phase)) {
    throw new Error(`invalid phase; expected a lower-case name such as "smoke", got ${JSON.stringify(phase)}`);
  }
  if (Number.isNaN(now.getTime())) throw new Error('invalid now; expected a valid Date, got an invalid Date');
  mkdirSync(root, { recursive: true });
  const stamp = runTimestamp(now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const folder = join(root, `${stamp}-${phase}-${nextId()}`);
    try {
      mkdirSync(folder); // not recursive: fails with EEXIST instead of reusing the folder
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`cannot create a run folder in ${root}: ${MAX_ATTEMPTS} names in a row already existed`);
}
