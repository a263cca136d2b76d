/** The countdown behind the crashAfterS fault. */
export interface CrashTimer {
  /**
   * Crashes after seconds, counted from now; 0 cancels. The same value as the countdown already running
   * keeps it, so re-sending an unchanged fault set does not postpone the crash.
   */
  set(seconds: number): void;
  stop(): void;
}

export function createCrashTimer(crash: () => void): CrashTimer {
  let timer: NodeJS.Timeout | undefined;
  let current = 0;
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
    current = 0;
  };
  return {
    set(seconds) {
      if (seconds === current) return;
      stop();
      if (seconds <= 0) return;
      current = seconds;
      timer = setTimeout(() => {
        timer = undefined;
        current = 0;
        crash();
      }, seconds * 1000).unref();
    },
    stop,
  };
}
