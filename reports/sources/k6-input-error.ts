import { LoadbookError } from '../../engine/errors.ts';

/** Stock k6 output that cannot be read: one line naming the file (and line), what was expected and what was found. */
export class K6InputError extends LoadbookError {
  constructor(message: string) {
    super(message);
    this.name = 'K6InputError';
  }
}

/** `file:line: expected …`, with the offending text cut short so the message stays one line. */
export function lineError(file: string, line: number, expected: string, text?: string): K6InputError {
  const found = text === undefined ? '' : `; found ${JSON.stringify(text.length > 80 ? text.slice(0, 80) + '…' : text)}`;
  return new K6InputError(`${file}:${line}: expected ${expected}${found}`);
}
