import type { ErrorObject } from 'ajv';
import { shownValue } from '../lib/invalid-value.ts';

// Messages stay one line: a whole object shown as the given value is cut short.
const SHOWN_MAX = 80;

function shownShort(value: unknown): string {
  const text = shownValue(value);
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}…` : text;
}

/** Where a bad value came from, for the error message. */
export interface ErrorSource {
  /**
   * Names the value from its JSON pointer, e.g. `/baselineRate` → `/baselineRate in loadbook.config.json`
   * or `LOADBOOK_RATE (/baselineRate)`.
   */
  name: (pointer: string) => string;
  /** What to do about it, e.g. `edit loadbook.config.json`. */
  fix: string;
  /** The value as the user typed it (an env var's text), when it differs from the parsed value ajv saw. */
  given?: unknown;
}

type Expectation = (error: ErrorObject) => string;

function described(error: ErrorObject, fallback: string): string {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' && /^an? /.test(description) ? description : fallback;
}

/** What each JSON Schema keyword expected, in words. */
const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  type: (error) => {
    const type = String(error.params['type']);
    return type === 'integer' ? 'a whole number' : type === 'array' ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
  },
  exclusiveMinimum: (error) => `a number > ${String(error.params['limit'])}`,
  minimum: (error) => `a number >= ${String(error.params['limit'])}`,
  exclusiveMaximum: (error) => `a number < ${String(error.params['limit'])}`,
  maximum: (error) => `a number <= ${String(error.params['limit'])}`,
  pattern: (error) => described(error, `a string matching ${String(error.params['pattern'])}`),
  minLength: (error) => `a string of at least ${String(error.params['limit'])} characters`,
  minItems: (error) => `at least ${String(error.params['limit'])} items`,
  uniqueItems: () => 'no duplicate items',
  enum: (error) => `one of ${(error.params['allowedValues'] as unknown[]).map((value) => shownValue(value)).join(', ')}`,
  const: (error) => shownValue(error.params['allowedValue']),
  required: (error) => `the field "${String(error.params['missingProperty'])}"`,
  additionalProperties: (error) => {
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    return known.length === 0 ? 'no further fields' : `a known field (${known.join(', ')})`;
  },
};

function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

// Field names come from the document: a line break or other control character in one must not split the message.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

function visible(pointer: string): string {
  return pointer.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The JSON pointer an error is about; for an unknown field, the field's own pointer. */
export function errorPointer(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return visible(`${error.instancePath}/${escapePointerToken(String(error.params['additionalProperty']))}`);
  }
  return error.instancePath === '' ? '/' : visible(error.instancePath);
}

/**
 * Turns an ajv error into the project's one-line error: `invalid <name>; expected <what>, got <value>;
 * <fix>`, naming the JSON path of the bad value.
 */
export function formatSchemaError(error: ErrorObject, source: ErrorSource): string {
  const name = source.name(errorPointer(error));
  const expected = EXPECTATIONS[error.keyword]?.(error) ?? error.message ?? 'a valid value';
  if (error.keyword === 'additionalProperties') {
    const field = String(error.params['additionalProperty']);
    return `invalid ${name}; expected ${expected}, got an unknown field ${shownValue(field)}; ${source.fix}`;
  }
  if (error.keyword === 'required') return `invalid ${name}; expected ${expected}, got none; ${source.fix}`;
  const given = 'given' in source ? source.given : error.data;
  return `invalid ${name}; expected ${expected}, got ${shownShort(given)}; ${source.fix}`;
}
