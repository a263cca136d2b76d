import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Shared pieces of the parser fuzz tests: input generators that mix fully random values with mutations
 * of a valid example, and the one property every parser must hold — a value or one clear error of the
 * project's own type, never a crash and never a hang.
 */

/**
 * Fixed, so a failure reproduces; `LOADBOOK_FUZZ_SEED=<n>` explores other inputs. Runs per property are
 * kept small so all fuzz files stay under 10 s.
 */
export const FUZZ = { seed: Number(process.env.LOADBOOK_FUZZ_SEED ?? 20_261_206), numRuns: 300 } as const;

/** How long one parser call may take before it counts as a hang. Generous: the machine is shared. */
const HANG_MS = 2_000;

/**
 * Strings that have broken parsers elsewhere: prototype keys, JSON and number edge cases, huge numbers,
 * control characters, separators of the formats under test.
 */
const TRICKY = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype',
  'NaN', 'Infinity', '-Infinity', '1e308', '1e309', '-0', '0x10', '1_000', '', ' ', '\t', '\n', '\r', '\r\n', '\u0000',
  '\u2028', '\ud800', 'µ', 'μ', '{', '}', '[', ']', '"', "'", '\\', ',', ':', '=', '<', '>', '!', '#', '|', '`',
  '<script>', 'null', 'true', '{}', '[]', '9'.repeat(400),
];

/** Names every plain object inherits: a lookup table indexed by input finds them unless it guards against them. */
const INHERITED = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** A short string: an inherited name, one from the tricky list, arbitrary Unicode or printable ASCII. */
export const trickyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INHERITED),
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 40 }),
);

/** One edit of a text: delete, duplicate or replace a slice, or insert something tricky. */
const textEdit = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'replace', 'insert'),
  at: fc.nat(),
  length: fc.integer({ min: 0, max: 12 }),
  text: trickyString,
});

/** `valid` with one to four random edits: inputs close to what the parser accepts, where its edge cases are. */
export function mutatedText(valid: string): fc.Arbitrary<string> {
  return fc.array(textEdit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((text, edit) => {
      const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
      const end = Math.min(text.length, at + edit.length);
      switch (edit.kind) {
        case 'delete':
          return text.slice(0, at) + text.slice(end);
        case 'duplicate':
          return text.slice(0, end) + text.slice(at, end) + text.slice(end);
        case 'replace':
          return text.slice(0, at) + edit.text + text.slice(end);
        case 'insert':
          return text.slice(0, at) + edit.text + text.slice(at);
      }
    }, valid),
  );
}

/** Any JSON value, small: fast-check's own, plus the tricky strings as keys and values. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(trickyString, fc.oneof(trickyString, fc.double(), fc.constant(null)), { maxKeys: 4 }),
);

/** Replaces, deletes or adds the value at one path of a JSON value (a copy; the example stays as it was). */
function editJson(value: unknown, path: readonly number[], replacement: unknown, remove: boolean, key: string): unknown {
  if (value === null || typeof value !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || path.length === 0) {
    if (Array.isArray(copy)) return [...copy, replacement];
    Object.defineProperty(copy, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const child = keys[path[0]! % keys.length]!;
  const target = copy as Record<string, unknown>;
  if (path.length === 1 && remove) {
    if (Array.isArray(copy)) copy.splice(Number(child), 1);
    else delete target[child];
  } else {
    target[child] = editJson(target[child], path.slice(1), replacement, remove, key);
  }
  return copy;
}

/** `valid` with one to three structural edits: a value swapped for any JSON, a field removed, a tricky field added. */
export function mutatedJson(valid: unknown): fc.Arbitrary<unknown> {
  const edit = fc.record({
    path: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
    replacement: fc.oneof(anyJson, trickyString),
    remove: fc.boolean(),
    key: trickyString,
  });
  return fc
    .array(edit, { minLength: 1, maxLength: 3 })
    .map((edits) => edits.reduce((json, e) => editJson(json, e.path, e.replacement, e.remove, e.key), valid));
}

/** Text a JSON reader may be given: random text, random JSON, or a mutation of a valid document, as JSON or as text. */
export function jsonDocumentText(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.string({ maxLength: 80, unit: 'binary' }),
    anyJson.map((value) => JSON.stringify(value) ?? 'null'),
    mutatedJson(valid).map((value) => JSON.stringify(value) ?? 'null'),
    mutatedText(text),
  );
}

/** The error class a parser may throw: its own, or a family of them. */
type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The message of a clear error: one line, not empty, no stack, and no "undefined" or "[object Object]"
 * unless the input itself holds that text.
 */
export function expectClearMessage(error: unknown, expected: ErrorClass | readonly ErrorClass[], input: string): void {
  const classes = Array.isArray(expected) ? expected : [expected];
  // A crash is never a clear error, even where a parser's own errors are plain Errors.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) throw error;
  if (error instanceof SyntaxError) throw error;
  if (!classes.some((cls) => error instanceof cls)) throw error;
  const message = (error as Error).message;
  expect(message.trim()).not.toBe('');
  expect(message).not.toMatch(/[\n\r]/);
  expect(message).not.toMatch(/^\s+at /m);
  if (!input.includes('undefined')) expect(message).not.toContain('undefined');
  if (!input.includes('[object Object]')) expect(message).not.toContain('[object Object]');
}

/** Calls a synchronous parser: it returns, or throws one clear error of `expected`, within HANG_MS. */
export function expectValueOrClearError(parse: () => unknown, expected: ErrorClass | readonly ErrorClass[], input: string): void {
  const started = performance.now();
  try {
    parse();
  } catch (error) {
    expectClearMessage(error, expected, input);
  }
  expect(performance.now() - started).toBeLessThan(HANG_MS);
}

/** The same for an async parser; a call that has not settled within HANG_MS fails as a hang. */
export async function expectSettlesClearly(
  parse: () => Promise<unknown>,
  expected: ErrorClass | readonly ErrorClass[],
  input: string,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    await Promise.race([parse(), hang]);
  } catch (error) {
    expectClearMessage(error, expected, input);
  } finally {
    clearTimeout(timer);
  }
}
