/**
 * A report that cannot be made: no such run, a run or k6 output that cannot be analysed, a folder that
 * cannot be written. The message is one line naming what was wrong, what was expected and what to do
 * next; scripts print it and exit 2.
 */
export class ReportError extends Error {
  override readonly name = 'ReportError';
}
