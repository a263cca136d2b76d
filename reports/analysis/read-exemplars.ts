import { readFile } from 'node:fs/promises';
import type { Exemplar, ExemplarsFile } from '../../engine/output/exemplar.ts';

/**
 * The exemplars of a run (`exemplars.json`), slowest first; [] when the file is missing (tracing was off).
 *
 * @throws Error naming the file when it exists but is not an exemplars file.
 */
export async function readExemplars(path: string): Promise<Exemplar[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let file: ExemplarsFile;
  try {
    file = JSON.parse(text) as ExemplarsFile;
  } catch (error) {
    throw new Error(`invalid exemplars file ${path}; expected JSON, got ${JSON.stringify(text.slice(0, 40))}`, { cause: error });
  }
  if (file?.version !== 1 || !Array.isArray(file.exemplars)) {
    throw new Error(`invalid exemplars file ${path}; expected version 1 with an exemplars array, got version ${JSON.stringify(file?.version)}`);
  }
  return [...file.exemplars].sort((a, b) => b.durationMs - a.durationMs);
}
