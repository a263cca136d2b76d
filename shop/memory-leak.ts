const BYTES_PER_MB = 1024 * 1024;
// A JS array of small integers takes 8 bytes per element on V8's heap (no pointer compression in Node).
const BYTES_PER_ELEMENT = 8;
const TICK_MS = 1_000;

/** A deliberate memory leak for the leakMbPerMin fault. */
export interface MemoryLeak {
  /** Leaks mbPerMin megabytes a minute from now on; 0 stops and releases everything held. */
  setRate(mbPerMin: number): void;
  /** Bytes currently held. */
  retainedBytes(): number;
  /** Stops and releases, as setRate(0). */
  stop(): void;
}

/**
 * Retains arrays on the V8 heap in one-second steps. Arrays rather than Buffers, whose memory lives
 * outside the heap, so the leak shows in nodejs_heap_size_used_bytes as a real leak of objects would.
 */
export function createMemoryLeak(): MemoryLeak {
  let held: number[][] = [];
  let heldBytes = 0;
  let owedBytes = 0;
  let rate = 0;
  let timer: NodeJS.Timeout | undefined;

  const tick = (): void => {
    owedBytes += (rate * BYTES_PER_MB * TICK_MS) / 60_000;
    const elements = Math.floor(owedBytes / BYTES_PER_ELEMENT);
    if (elements === 0) return;
    // fill() makes the elements real: a sparse array of this length would hold almost nothing.
    held.push(new Array<number>(elements).fill(0));
    heldBytes += elements * BYTES_PER_ELEMENT;
    owedBytes -= elements * BYTES_PER_ELEMENT;
  };

  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
    rate = 0;
    held = [];
    heldBytes = 0;
    owedBytes = 0;
  };

  return {
    setRate(mbPerMin) {
      if (mbPerMin <= 0) return stop();
      rate = mbPerMin;
      // The shop's servers keep the process alive; the leak alone must not.
      timer ??= setInterval(tick, TICK_MS).unref();
    },
    retainedBytes: () => heldBytes,
    stop,
  };
}
