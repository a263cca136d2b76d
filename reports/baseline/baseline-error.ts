/**
 * A baseline that cannot be made or read: a bad run, a bad template, a malformed twin. The message is one
 * line naming what was wrong, what was expected and what to do next; scripts print it and exit 2.
 */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}
