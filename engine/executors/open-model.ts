import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArrivalSchedule } from './arrival-schedule.ts';
import { endGracefully, sleepUntil } from './executor-timing.ts';
import type { ExecutorContext } from './executor-types.ts';
import { shareOf, type Segment } from './segment.ts';

/**
 * Longest the scheduler runs without letting the event loop in. Iterations that finish without I/O
 * settle in microtasks only, so without this a saturated scheduler would never see a stop message.
 */
const YIELD_EVERY_MS = 5;

/**
 * Starts this instance's iterations of an arrival schedule on time, whether or not earlier ones have
 * finished. With no free VU and none left to create, the iteration is dropped and counted: an open
 * model never waits, which is what keeps coordinated omission out of the latencies. While every VU is
 * busy the scheduler sleeps until one is released or the next iteration is due, then counts everything
 * that came due meanwhile in one step, so an absurd rate costs no more than a sane one.
 */
export async function runOpenModel(
  schedule: ArrivalSchedule,
  context: ExecutorContext,
  preAllocatedVUs: number,
  durationMs: number,
  gracefulStopMs: number,
): Promise<void> {
  const { segment, vus } = context;
  vus.initialize(shareOf(preAllocatedVUs, segment));
  const start = performance.now();
  const running = new Set<Promise<unknown>>();
  const vacancy = new Vacancy();
  let lastYield = start;
  let iteration = segment.index;
  while (iteration < schedule.total && !context.stop.aborted) {
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await nextTurn();
      lastYield = performance.now();
      continue;
    }
    const due = start + schedule.timeOf(iteration);
    if (due > performance.now()) {
      await sleepUntil(due, context.stop);
      lastYield = performance.now();
      continue;
    }
    const vu = vus.acquire();
    if (vu) {
      context.activeVus(1);
      const run = context.runIteration(vu).finally(() => {
        vus.release(vu);
        context.activeVus(-1);
        running.delete(run);
        vacancy.notify();
      });
      running.add(run);
      iteration += segment.count;
      continue;
    }
    // Every VU is busy: this iteration is dropped, and so is each one that comes due before a VU is free.
    await vacancy.wait(start + Math.min(durationMs, schedule.timeOf(iteration + segment.count)), context.stop);
    const next = Math.max(iteration + segment.count, ownedFrom(schedule.dueBy(performance.now() - start), segment));
    context.dropIterations(Math.ceil((Math.min(next, schedule.total) - iteration) / segment.count));
    iteration = next;
  }
  await endGracefully(waitForAll(running), context, start + durationMs, gracefulStopMs);
}

/** The first iteration at or after `iteration` that belongs to this segment (iterations are striped). */
function ownedFrom(iteration: number, segment: Segment): number {
  return iteration + ((((segment.index - iteration) % segment.count) + segment.count) % segment.count);
}

/** Lets the scheduler sleep while every VU is busy: wakes on a released VU, at a deadline, or on stop. */
class Vacancy {
  private wake: (() => void) | undefined;

  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  wait(untilPerfMs: number, stop: AbortSignal): Promise<void> {
    if (stop.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, untilPerfMs - performance.now()));
      stop.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }
}

async function waitForAll(running: Set<Promise<unknown>>): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
