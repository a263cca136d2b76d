/**
 * A verdict that cannot be made: no such run, runs of different phases, an unreadable baseline, a history
 * entry of that build already written, bad settings. The message is one line naming what was wrong, what
 * was expected and what to do next; scripts print it and exit 2, having written nothing.
 */
export class VerdictError extends Error {
  override readonly name = 'VerdictError';
}
