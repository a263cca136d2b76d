/**
 * A mistake the shop's user can fix (bad option, flag or fault value). Its message is one line naming the
 * value, what was expected and what was given, so CLIs print it as is and HTTP handlers answer it as a 400.
 */
export class ShopError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShopError';
  }
}

/** Renders a value for an error message the way the user typed it: strings quoted, objects as JSON. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON would print NaN and Infinity as null, hiding the actual mistake.
  if (typeof value === 'number') return String(value);
  return String(JSON.stringify(value) ?? value);
}
