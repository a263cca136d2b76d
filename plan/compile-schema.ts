import { Ajv, type ValidateFunction } from 'ajv';

// One instance for all of loadbook's schemas. `verbose` keeps the failing value and its schema on each
// error, which formatSchemaError needs to say what was given and what was expected.
const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });

/** Compiles one of loadbook's JSON Schemas (draft-07), once per process. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  const id = (schema as { $id?: unknown }).$id;
  const known = typeof id === 'string' ? ajv.getSchema<T>(id) : undefined;
  return known ?? ajv.compile<T>(schema);
}
