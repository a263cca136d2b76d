import type { RunAnalysis } from '../analysis/index.ts';
import { BaselineError } from './baseline-error.ts';

/**
 * The run's date, `yyyy-mm-dd` in UTC, from the run's `createdAt` (the plan's creation time): a baseline is
 * named after the day the run happened, not the day it was written down.
 *
 * @throws BaselineError when createdAt is not a date.
 */
export function baselineDate(analysis: Pick<RunAnalysis, 'run'>): string {
  const time = Date.parse(analysis.run.createdAt);
  if (!Number.isFinite(time)) {
    throw new BaselineError(
      `invalid run createdAt; expected an ISO 8601 time, got ${JSON.stringify(analysis.run.createdAt)}; check the run's plan.json`,
    );
  }
  return new Date(time).toISOString().slice(0, 10);
}
