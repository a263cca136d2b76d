/**
 * A VU's own timers. Interrupting an iteration clears them, so a script's pending `sleep` or
 * `setTimeout` cannot fire into the next iteration; and an iteration lasts until they have all fired,
 * as k6's per-VU event loop does.
 */
export class VuTimers {
  private readonly active = new Set<NodeJS.Timeout>();

  /**
   * @param invoke runs a script callback, turning a throw into a failed iteration.
   * @param onIdle called when the last pending timer fired or was cleared.
   */
  constructor(
    private readonly invoke: (callback: (...args: unknown[]) => void, args: unknown[]) => void = (callback, args) => callback(...args),
    private readonly onIdle: () => void = () => {},
  ) {}

  readonly setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = setTimeout(() => {
      this.active.delete(handle);
      this.invoke(callback, args);
      if (this.active.size === 0) this.onIdle();
    }, ms);
    this.active.add(handle);
    return handle;
  }) as typeof setTimeout;

  readonly clearTimeout = ((handle: NodeJS.Timeout | undefined) => {
    if (!handle || !this.active.delete(handle)) return;
    clearTimeout(handle);
    if (this.active.size === 0) this.onIdle();
  }) as typeof clearTimeout;

  readonly setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = setInterval(() => this.invoke(callback, args), ms);
    this.active.add(handle);
    return handle;
  }) as typeof setInterval;

  readonly clearInterval = ((handle: NodeJS.Timeout | undefined) => {
    if (!handle || !this.active.delete(handle)) return;
    clearInterval(handle);
    if (this.active.size === 0) this.onIdle();
  }) as typeof clearInterval;

  /** Resolves after `ms`; never resolves if the iteration is interrupted first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve as () => void, ms));
  }

  get pending(): number {
    return this.active.size;
  }

  clearAll(): void {
    for (const handle of this.active) clearTimeout(handle);
    this.active.clear();
  }
}
