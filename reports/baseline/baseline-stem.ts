import { BaselineError } from './baseline-error.ts';

const PHASE = /^[a-z][a-z0-9-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A baseline's file name without extension: `<phase>-<yyyy-mm-dd>` for the first baseline of a phase on a
 * day, then `-2`, `-3`, … for the `n`th.
 *
 * @throws BaselineError when the phase or date could not be part of a file name.
 */
export function baselineStem(phase: string, date: string, n = 1): string {
  if (!PHASE.test(phase)) {
    throw new BaselineError(`invalid phase; expected a lower-case name such as "steady", got ${JSON.stringify(phase)}; check the run's plan.json`);
  }
  if (!DATE.test(date)) throw new BaselineError(`invalid date; expected yyyy-mm-dd, got ${JSON.stringify(date)}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid n; expected a whole number ≥ 1, got ${n}`);
  return n === 1 ? `${phase}-${date}` : `${phase}-${date}-${n}`;
}
