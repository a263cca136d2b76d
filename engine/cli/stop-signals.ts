/**
 * The signals that stop a run: a terminal's Ctrl-C, `timeout` and CI cancellations. SIGHUP is left alone:
 * a handler would undo `nohup`, which runs a long phase past the terminal's end.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Signals closer together than this are one request. A Ctrl-C reaches every process of the group, and a
 * parent (npm, tsx) relays it once more, a few milliseconds later; a person's second Ctrl-C comes later.
 */
const SAME_REQUEST_MS = 500;

/** How often the parent process is looked for: a parent that died without signalling us changes our ppid. */
const PARENT_POLL_MS = 500;

/** What stopOnSignals is told. */
export interface StopSignalsOptions {
  /** Where to say what was received (one line each). */
  say: (line: string) => void;
  /**
   * Stop as on SIGTERM when the parent process goes away (npm killed alone leaves us re-parented).
   * @default true
   */
  watchParent?: boolean;
}

/** The two stops a run listens to. */
export interface StopSignals {
  /** Aborted by the first signal (or a lost parent): stop gracefully, keep every result, write the report. */
  stop: AbortSignal;
  /** Aborted by a second, distinct signal: stop at once, keep what is written, skip what can wait. */
  force: AbortSignal;
  /**
   * Says that the run has ended and only `what` (its report, its verdict) is left to write: from now on a
   * first request lets it finish, and a second still aborts `force`. `undefined`: a run is under way again.
   */
  finishing(what: string | undefined): void;
  /** Removes the handlers and the parent watch. */
  dispose(): void;
}

/**
 * Handles SIGINT and SIGTERM for as long as the run lasts, so that no signal ever takes Node's
 * default action (an exit mid-write that leaves a cut timeline and no summary). The first request
 * aborts `stop`; duplicates of it (the group's copy and a parent's relay) are ignored; a distinct later
 * one aborts `force`.
 */
export function stopOnSignals({ say, watchParent = true }: StopSignalsOptions): StopSignals {
  const stop = new AbortController();
  const force = new AbortController();
  let firstAt = 0;
  let remaining: string | undefined;
  const request = (what: string) => {
    const now = Date.now();
    if (!stop.signal.aborted) {
      firstAt = now;
      say(
        remaining === undefined
          ? `${what}: stopping the run and keeping its results (again to stop at once)`
          : `${what}: the run has ended; finishing ${remaining} (again to stop at once)`,
      );
      stop.abort(what);
    } else if (!force.signal.aborted && now - firstAt >= SAME_REQUEST_MS) {
      say(`${what} again: stopping at once; the run folder keeps what was written`);
      force.abort(what);
    }
  };
  const onSignal = (signal: NodeJS.Signals) => request(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  const parent = process.ppid;
  const parentTimer = watchParent
    ? setInterval(() => {
        if (process.ppid !== parent && !stop.signal.aborted) request(`parent process ${parent} is gone`);
      }, PARENT_POLL_MS).unref()
    : undefined;

  return {
    stop: stop.signal,
    force: force.signal,
    finishing(what) {
      remaining = what;
    },
    dispose() {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
      clearInterval(parentTimer);
    },
  };
}
