import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExecutorContext } from './executor-types.ts';
import type { Vu } from '../runtime/vu.ts';

/** Resolves at `perfMs` (a performance.now() time), or early when `signal` aborts. */
export function sleepUntil(perfMs: number, signal: AbortSignal): Promise<void> {
  const wait = perfMs - performance.now();
  if (wait <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, wait);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A VU looping over iterations back to back (the closed model). An iteration that never awaits I/O
 * would starve the event loop, so the loop yields a macrotask turn every few milliseconds.
 */
export async function loopIterations(vu: Vu, context: ExecutorContext, next: () => boolean): Promise<void> {
  context.activeVus(1);
  let lastYield = performance.now();
  try {
    while (!context.stop.aborted && next()) {
      await context.runIteration(vu);
      if (performance.now() - lastYield > 5) {
        await nextTurn();
        lastYield = performance.now();
      }
    }
  } finally {
    context.activeVus(-1);
  }
}

/**
 * Waits for the scenario's iterations to end: they get until `endMs + graceMs` (k6's gracefulStop),
 * after which the ones still running are interrupted. A test-wide stop interrupts them at once.
 */
export async function endGracefully(work: Promise<unknown>, context: ExecutorContext, endMs: number, graceMs: number): Promise<void> {
  const grace = new AbortController();
  const onStop = () => grace.abort();
  context.stop.addEventListener('abort', onStop, { once: true });
  const settled = work.then(() => 'done' as const);
  const outcome = await Promise.race([settled, sleepUntil(endMs + graceMs, grace.signal).then(() => 'late' as const)]);
  context.stop.removeEventListener('abort', onStop);
  if (outcome === 'late') {
    for (const vu of context.vus.busy()) vu.interrupt();
    await work;
  }
}
