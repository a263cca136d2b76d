import type { ErrorObject } from 'ajv';
import { compileSchema } from '../../../plan/compile-schema.ts';
import { formatSchemaError } from '../../../plan/format-schema-error.ts';
import verdictSchema from '../../../schemas/verdict.schema.json' with { type: 'json' };
import type { Verdict } from '../verdict-document.ts';

// The schema's tagged unions are a oneOf whose every branch is `if kind is X then X's shape else false`.
// ajv reports every branch it tried, so these keywords only say "this branch was not the data's kind"
// or "a branch below failed"; the first other error is the one about the bad value itself.
const BRANCH_BOOKKEEPING: ReadonlySet<string> = new Set(['false schema', 'if', 'oneOf']);

function firstOffendingError(errors: readonly ErrorObject[]): ErrorObject {
  return errors.find((error) => !BRANCH_BOOKKEEPING.has(error.keyword)) ?? errors[0]!;
}

/**
 * Checks a verdict (one just judged, or verdict.json read back) against `schemas/verdict.schema.json`.
 *
 * @param name names the document in the message, e.g. `out/steady/verdict.json`.
 * @returns the verdict, typed.
 * @throws Error with one line naming the first bad value by its JSON pointer, what was expected and what was given.
 */
export function validateVerdict(value: unknown, name = 'verdict'): Verdict {
  const validate = compileSchema<Verdict>(verdictSchema);
  if (validate(value)) return value;
  const error = firstOffendingError(validate.errors!);
  throw new Error(
    formatSchemaError(error, {
      name: (pointer) => `${pointer} in ${name}`,
      fix: 'judge the run again with the verdict script instead of editing verdict.json by hand',
    }),
  );
}
