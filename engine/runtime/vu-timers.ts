/**
 * A VU's own timers. Interrupting an iteration clears them, so a script's pending `sleep` or
 * `setTimeout` cannot fire into the next iteration.
 */
export class VuTimers {
  private readonly active = new Set<NodeJS.Timeout>();

  readonly setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = setTimeout(() => {
      this.active.delete(handle);
      callback(...args);
    }, ms);
    this.active.add(handle);
    return handle;
  }) as typeof setTimeout;

  readonly clearTimeout = ((handle: NodeJS.Timeout | undefined) => {
    if (!handle) return;
    this.active.delete(handle);
    clearTimeout(handle);
  }) as typeof clearTimeout;

  readonly setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = setInterval(callback, ms, ...args);
    this.active.add(handle);
    return handle;
  }) as typeof setInterval;

  readonly clearInterval = ((handle: NodeJS.Timeout | undefined) => {
    if (!handle) return;
    this.active.delete(handle);
    clearInterval(handle);
  }) as typeof clearInterval;

  /** Resolves after `ms`; never resolves if the iteration is interrupted first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  get pending(): number {
    return this.active.size;
  }

  clearAll(): void {
    for (const handle of this.active) clearTimeout(handle);
    this.active.clear();
  }
}
