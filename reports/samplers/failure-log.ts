import type { SamplerErrorSample } from './server-sample.ts';

/**
 * The `sampler-error` lines of one source (or one consumer group of the Kafka source). The first failure
 * after a success is written at once, so a run killed a second later still says when the target stopped
 * answering; later failures at most once per `intervalMs`. Failures held back are never lost: the next
 * written line, the next success or the end of sampling ({@link flush}) writes their count.
 */
export class FailureLog {
  private lastWrittenMs = -Infinity;
  /** Failures not written yet, the last of them kept for the line that flushes them. */
  private held = 0;
  private lastHeld: { timeMs: number; error: string } | undefined;
  private failingSinceMs: number | undefined;
  private lastSuccessMs: number | undefined;

  constructor(
    private readonly source: string,
    private readonly group: string | undefined,
    private readonly intervalMs: number,
    private readonly write: (line: SamplerErrorSample) => void,
  ) {}

  /** A read failed at `nowMs`. */
  failed(error: string, nowMs: number): void {
    if (this.failingSinceMs === undefined) {
      this.failingSinceMs = nowMs;
    } else if (nowMs - this.lastWrittenMs < this.intervalMs) {
      this.held++;
      this.lastHeld = { timeMs: nowMs, error };
      return;
    }
    this.writeLine(nowMs, error, this.held);
  }

  /** A read succeeded at `nowMs`: the failures held back are written, and a later failure starts a new outage. */
  succeeded(nowMs: number): void {
    this.flush();
    this.failingSinceMs = undefined;
    this.lastSuccessMs = nowMs;
  }

  /** Writes the failures held back, as a line at the time of the last of them. */
  flush(): void {
    if (this.held === 0 || this.lastHeld === undefined) return;
    this.writeLine(this.lastHeld.timeMs, this.lastHeld.error, this.held - 1);
  }

  private writeLine(timeMs: number, error: string, suppressed: number): void {
    this.write({
      time: new Date(timeMs).toISOString(),
      source: this.source,
      kind: 'sampler-error',
      ...(this.group === undefined ? {} : { group: this.group }),
      error,
      suppressed,
      failingSince: new Date(this.failingSinceMs ?? timeMs).toISOString(),
      ...(this.lastSuccessMs === undefined ? {} : { lastSuccessAt: new Date(this.lastSuccessMs).toISOString() }),
    });
    this.lastWrittenMs = timeMs;
    this.held = 0;
    this.lastHeld = undefined;
  }
}

/** The failure logs of one source: its own, and one per part (a consumer group) once that part failed or was read. */
export class SourceFailures {
  readonly whole: FailureLog;
  private readonly parts = new Map<string, FailureLog>();

  constructor(
    private readonly source: string,
    private readonly intervalMs: number,
    private readonly write: (line: SamplerErrorSample) => void,
  ) {
    this.whole = new FailureLog(source, undefined, intervalMs, write);
  }

  part(group: string): FailureLog {
    let log = this.parts.get(group);
    if (!log) this.parts.set(group, (log = new FailureLog(this.source, group, this.intervalMs, this.write)));
    return log;
  }

  /** Writes every failure held back: sampling stopped. */
  flush(): void {
    this.whole.flush();
    for (const log of this.parts.values()) log.flush();
  }
}
