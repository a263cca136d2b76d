import type { Vu } from '../runtime/vu.ts';
import { endGracefully, loopIterations, sleepUntil } from './executor-timing.ts';
import type { Executor, Stage } from './executor-types.ts';
import { shareOf } from './segment.ts';

const TICK_MS = 50;

/** The number of VUs k6's ramping-vus wants at `elapsedMs`: linear within each stage, rounded toward the stage's start. */
export function rampingVusTarget(startVUs: number, stages: Stage[], elapsedMs: number): number {
  let from = startVUs;
  let stageStart = 0;
  for (const stage of stages) {
    if (elapsedMs < stageStart + stage.durationMs) {
      return from + Math.trunc(((stage.target - from) * (elapsedMs - stageStart)) / stage.durationMs);
    }
    from = stage.target;
    stageStart += stage.durationMs;
  }
  return from;
}

const totalMs = (stages: Stage[]) => stages.reduce((sum, stage) => sum + stage.durationMs, 0);

interface Slot {
  vu: Vu;
  loop: Promise<void> | undefined;
  /** When this slot was asked to stop, so a slow iteration can be interrupted after gracefulRampDown. */
  stoppingSince: number | undefined;
}

/** VUs follow a piecewise-linear target; VUs ramped down finish their iteration within gracefulRampDown. */
export const rampingVus: Executor<'ramping-vus'> = {
  kind: 'ramping-vus',
  read(options, common) {
    return {
      ...common,
      kind: 'ramping-vus',
      startVUs: options.integer('startVUs', 1, 0),
      stages: options.stages(),
      gracefulRampDownMs: options.duration('gracefulRampDown', '30s'),
    };
  },
  maxVus: (config) => Math.max(config.startVUs, ...config.stages.map((stage) => stage.target)),
  vusOption(config) {
    const peak = rampingVus.maxVus(config);
    return peak === config.startVUs ? 'startVUs' : `stages[${config.stages.findIndex((stage) => stage.target === peak)}].target`;
  },
  durationMs: (config) => totalMs(config.stages),
  async run(config, context) {
    const start = performance.now();
    const end = start + totalMs(config.stages);
    const slots: Slot[] = [];
    let desired = 0;
    context.vus.initialize(shareOf(rampingVus.maxVus(config), context.segment));
    const loops = new Set<Promise<void>>();

    const startSlot = (index: number) => {
      const slot = (slots[index] ??= { vu: context.vus.acquire()!, loop: undefined, stoppingSince: undefined });
      slot.stoppingSince = undefined;
      if (slot.loop) return;
      const loop = loopIterations(slot.vu, context, () => index < desired && performance.now() < end).finally(() => {
        slot.loop = undefined;
        loops.delete(loop);
      });
      slot.loop = loop;
      loops.add(loop);
    };

    while (!context.stop.aborted && performance.now() < end) {
      const now = performance.now();
      desired = shareOf(rampingVusTarget(config.startVUs, config.stages, now - start), context.segment);
      slots.forEach((slot, index) => {
        if (index < desired || !slot.loop) return;
        slot.stoppingSince ??= now;
        if (now - slot.stoppingSince >= config.gracefulRampDownMs) slot.vu.interrupt();
      });
      for (let index = 0; index < desired; index++) startSlot(index);
      await sleepUntil(Math.min(end, now + TICK_MS), context.stop);
    }
    desired = 0;
    await endGracefully(waitForAll(loops), context, end, config.gracefulStopMs);
  },
};

async function waitForAll(loops: Set<Promise<void>>): Promise<void> {
  while (loops.size > 0) await Promise.all([...loops]);
}
