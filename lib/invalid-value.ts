/**
 * Renders a value for an error message the way the user typed it: strings quoted, numbers as written
 * (`NaN` stays `NaN` rather than JSON's `null`).
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * The project's one error shape for a bad input: what was wrong, what was expected and what was given,
 * e.g. `invalid rate; expected a positive number of iterations per timeUnit, got "-5"`.
 *
 * Plain `Error`, because this file runs inside VUs as well as in Node and may import nothing.
 */
export function invalidValue(name: string, expected: string, given: unknown): Error {
  return new Error(`invalid ${name}; expected ${expected}, got ${shownValue(given)}`);
}
