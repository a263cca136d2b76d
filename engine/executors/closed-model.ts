import type { Vu } from '../runtime/vu.ts';
import { endGracefully, loopIterations } from './executor-timing.ts';
import type { ExecutorContext } from './executor-types.ts';

/**
 * Runs `vuCount` VUs of this instance in closed loops until `next(vu)` says stop or `endMs` passes; then
 * gives running iterations `graceMs` before interrupting them.
 */
export async function runClosedModel(
  context: ExecutorContext,
  vuCount: number,
  endMs: number,
  graceMs: number,
  next: (vu: Vu) => boolean,
): Promise<void> {
  context.vus.initialize(vuCount);
  const loops: Promise<void>[] = [];
  for (let index = 0; index < vuCount; index++) {
    const vu = context.vus.acquire()!;
    loops.push(loopIterations(vu, context, () => performance.now() < endMs && next(vu)).finally(() => context.vus.release(vu)));
  }
  await endGracefully(Promise.all(loops), context, endMs, graceMs);
}
