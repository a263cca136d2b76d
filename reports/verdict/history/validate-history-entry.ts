import { compileSchema } from '../../../plan/compile-schema.ts';
import { formatSchemaError } from '../../../plan/format-schema-error.ts';
import historyEntrySchema from '../../../schemas/history-entry.schema.json' with { type: 'json' };
import type { HistoryEntry } from './history-entry.ts';

/**
 * Checks a parsed value against `schemas/history-entry.schema.json`.
 *
 * @param name names the entry in the message, e.g. `out/history/20261129T051424Z-123.json`.
 * @param fix what to do about a bad entry, the message's last part.
 * @throws Error naming the first bad value by its JSON pointer.
 */
export function validateHistoryEntry(value: unknown, name: string, fix: string): HistoryEntry {
  const validate = compileSchema<HistoryEntry>(historyEntrySchema);
  if (validate(value)) return value;
  const error = validate.errors![0]!;
  throw new Error(formatSchemaError(error, { name: (pointer) => `${pointer} in ${name}`, fix }));
}

/**
 * Checks a build id as the history entry's schema does, before anything is run or written.
 *
 * @throws Error naming the id, what a build id is, and to pass another `--build`.
 */
export function validateBuildId(build: string): void {
  const validate = compileSchema<string>(historyEntrySchema.properties.build);
  if (validate(build)) return;
  throw new Error(formatSchemaError(validate.errors![0]!, { name: () => '--build', fix: 'pass another --build' }));
}
