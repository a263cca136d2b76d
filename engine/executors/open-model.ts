import type { ArrivalSchedule } from './arrival-schedule.ts';
import { endGracefully, sleepUntil } from './executor-timing.ts';
import type { ExecutorContext } from './executor-types.ts';
import { shareOf } from './segment.ts';

/**
 * Starts this instance's iterations of an arrival schedule on time, whether or not earlier ones have
 * finished. With no free VU and none left to create, the iteration is dropped and counted: an open
 * model never waits, which is what keeps coordinated omission out of the latencies.
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
  let dropped = 0;
  for (let iteration = segment.index; iteration < schedule.total && !context.stop.aborted; iteration += segment.count) {
    const due = start + schedule.timeOf(iteration);
    if (due > performance.now()) {
      if (dropped) context.dropIterations(dropped), (dropped = 0);
      await sleepUntil(due, context.stop);
      if (context.stop.aborted) break;
    }
    const vu = vus.acquire();
    if (!vu) {
      dropped++;
      continue;
    }
    context.activeVus(1);
    const run = context.runIteration(vu).finally(() => {
      vus.release(vu);
      context.activeVus(-1);
      running.delete(run);
    });
    running.add(run);
  }
  if (dropped) context.dropIterations(dropped);
  await endGracefully(waitForAll(running), context, start + durationMs, gracefulStopMs);
}

async function waitForAll(running: Set<Promise<unknown>>): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
