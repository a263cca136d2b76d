// Node fires longer timers after 1 ms (with a warning); a long sleep is taken in steps of this instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Resolves once performance.now() reaches deadline, using timers only: the shop must stay responsive
 * while it delays other requests, so it never busy-waits. Node can fire a timer up to a millisecond early
 * (it counts from the loop's cached time), hence the re-check and a second timer for the remainder.
 */
export function sleepUntil(deadline: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      const left = deadline - performance.now();
      if (left <= 0) resolve();
      else setTimeout(check, Math.min(Math.ceil(left), MAX_TIMER_MS));
    };
    check();
  });
}
