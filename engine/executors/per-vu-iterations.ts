import { runClosedModel } from './closed-model.ts';
import type { Executor } from './executor-types.ts';
import { shareOf } from './segment.ts';

/** Each VU runs exactly `iterations` iterations. */
export const perVuIterations: Executor<'per-vu-iterations'> = {
  kind: 'per-vu-iterations',
  read(options, common) {
    return {
      ...common,
      kind: 'per-vu-iterations',
      vus: options.integer('vus', 1, 1),
      iterations: options.integer('iterations', 1, 1),
      maxDurationMs: options.positiveDuration('maxDuration', '10m'),
    };
  },
  maxVus: (config) => config.vus,
  vusOption: () => 'vus',
  durationMs: (config) => config.maxDurationMs,
  async run(config, context) {
    const done = new Map<number, number>();
    const start = performance.now();
    await runClosedModel(context, shareOf(config.vus, context.segment), start + config.maxDurationMs, config.gracefulStopMs, (vu) => {
      const count = done.get(vu.idInTest) ?? 0;
      done.set(vu.idInTest, count + 1);
      return count < config.iterations;
    });
  },
};
