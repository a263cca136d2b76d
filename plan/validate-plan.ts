import { LoadbookError } from '../engine/errors.ts';
import configSchema from '../schemas/config.schema.json' with { type: 'json' };
import planSchema from '../schemas/plan.schema.json' with { type: 'json' };
import type { Plan } from './build-plan.ts';
import { compileSchema } from './compile-schema.ts';
import { formatSchemaError } from './format-schema-error.ts';

// The plan schema refers to the config schema by its $id, so that one is registered first.
compileSchema(configSchema);
const validate = compileSchema<Plan>(planSchema);

/**
 * Checks a plan (one just built, or plan.json read back) against schemas/plan.schema.json.
 *
 * @param source names the plan in errors, e.g. the path of the plan.json file.
 * @returns the plan, typed.
 * @throws LoadbookError with one line naming the JSON path, what was expected and what was given.
 */
export function validatePlan(plan: unknown, source = 'plan'): Plan {
  if (validate(plan)) return plan;
  throw new LoadbookError(
    formatSchemaError(validate.errors![0]!, {
      name: (pointer) => `${pointer} in ${source}`,
      fix: 'rebuild the plan with the phase script instead of editing it by hand',
    }),
  );
}
