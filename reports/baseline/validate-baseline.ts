import { compileSchema } from '../../plan/compile-schema.ts';
import { formatSchemaError } from '../../plan/format-schema-error.ts';
import baselineSchema from '../../schemas/baseline.schema.json' with { type: 'json' };
import type { BaselineDocument } from './baseline-document.ts';
import { BaselineError } from './baseline-error.ts';

/**
 * Checks a parsed twin against `schemas/baseline.schema.json`.
 *
 * @param name names the document in the message, e.g. `docs/perf/baselines/steady-2026-11-29.json`.
 * @param fix what to do about a bad document, the message's last part.
 * @throws BaselineError naming the first bad value by its JSON pointer.
 */
export function validateBaseline(value: unknown, name: string, fix: string): BaselineDocument {
  const validate = compileSchema<BaselineDocument>(baselineSchema);
  if (validate(value)) return value;
  const error = validate.errors![0]!;
  throw new BaselineError(formatSchemaError(error, { name: (pointer) => `${pointer} in ${name}`, fix }));
}
