import { readFile } from 'node:fs/promises';
import { LoadbookError, shown } from '../../engine/errors.ts';
import type { Exemplar, ExemplarsFile } from '../../engine/output/exemplar.ts';

/**
 * The exemplars of a run (`exemplars.json`), slowest first; [] when the file is missing (tracing was off).
 *
 * @throws LoadbookError naming the file when it exists but is not an exemplars file.
 */
export async function readExemplars(path: string): Promise<Exemplar[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new LoadbookError(`invalid exemplars file ${path}; expected JSON, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  const { version, exemplars } = (typeof file === 'object' && file !== null ? file : {}) as Partial<ExemplarsFile>;
  if (version !== 1 || !Array.isArray(exemplars)) {
    throw new LoadbookError(
      `invalid exemplars file ${path}; expected version 1 with an exemplars array, got ${version === undefined ? 'no version' : `version ${shown(version)}`}`,
    );
  }
  const bad = exemplars.findIndex((exemplar) => !isExemplar(exemplar));
  if (bad !== -1) {
    throw new LoadbookError(`invalid exemplars file ${path}; expected exemplar ${bad} to have string ids, names and attributes and a durationMs, got ${clipped(exemplars[bad])}`);
  }
  return [...exemplars].sort((a, b) => b.durationMs - a.durationMs);
}

const STRING_FIELDS = ['traceId', 'spanId', 'metric', 'time', 'scenario', 'name', 'status'] as const;

/** The fields the report prints, each of its type: a hand-edited or damaged file fails here, not mid-render. */
function isExemplar(value: unknown): value is Exemplar {
  if (typeof value !== 'object' || value === null) return false;
  const exemplar = value as Record<string, unknown>;
  const { durationMs, attributes } = exemplar;
  return (
    STRING_FIELDS.every((field) => typeof exemplar[field] === 'string') &&
    typeof durationMs === 'number' &&
    Number.isFinite(durationMs) &&
    typeof attributes === 'object' &&
    attributes !== null &&
    Object.values(attributes).every((attribute) => typeof attribute === 'string')
  );
}

function clipped(value: unknown): string {
  const text = shown(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
