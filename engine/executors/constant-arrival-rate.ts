import { constantArrivals } from './arrival-schedule.ts';
import type { Executor } from './executor-types.ts';
import { runOpenModel } from './open-model.ts';

/** Starts `rate` iterations per `timeUnit` for `duration`, however long each takes. */
export const constantArrivalRate: Executor<'constant-arrival-rate'> = {
  kind: 'constant-arrival-rate',
  read(options, common) {
    const preAllocatedVUs = options.integer('preAllocatedVUs', undefined, 0);
    return {
      ...common,
      kind: 'constant-arrival-rate',
      rate: options.rate('rate'),
      timeUnitMs: options.positiveDuration('timeUnit', '1s'),
      durationMs: options.positiveDuration('duration'),
      preAllocatedVUs,
      maxVUs: Math.max(preAllocatedVUs, options.integer('maxVUs', preAllocatedVUs, 0)),
    };
  },
  maxVus: (config) => config.maxVUs,
  durationMs: (config) => config.durationMs,
  run: (config, context) =>
    runOpenModel(
      constantArrivals(config.rate, config.timeUnitMs, config.durationMs),
      context,
      config.preAllocatedVUs,
      config.durationMs,
      config.gracefulStopMs,
    ),
};
