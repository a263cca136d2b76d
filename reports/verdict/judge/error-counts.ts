import type { BaselineSignals } from '../../baseline/index.ts';

/** A scenario's errors as the verdict counts them. */
export interface ErrorCounts {
  /** Failed HTTP requests where the scenario makes HTTP requests, else failed checks (gRPC, WebSocket, Kafka). */
  readonly counted: 'http' | 'checks';
  readonly errors: number;
  readonly total: number;
}

/** The errors of one window of golden signals: HTTP failures when there were HTTP requests, else failed checks. */
export function errorCountsOf(signals: BaselineSignals): ErrorCounts {
  const { errors } = signals;
  return errors.httpRequests > 0
    ? { counted: 'http', errors: errors.httpFailed, total: errors.httpRequests }
    : { counted: 'checks', errors: errors.checksFailed, total: errors.checks };
}

/** Counts added up (runs of a repeat, or scenarios of a run); `counted` is the first's. */
export function sumErrorCounts(counts: readonly ErrorCounts[]): ErrorCounts | undefined {
  if (counts.length === 0) return undefined;
  return {
    counted: counts[0]!.counted,
    errors: counts.reduce((sum, each) => sum + each.errors, 0),
    total: counts.reduce((sum, each) => sum + each.total, 0),
  };
}
