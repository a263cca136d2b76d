import { constantArrivals } from './arrival-schedule.ts';
import type { Executor } from './executor-types.ts';
import { runOpenModel } from './open-model.ts';

/** Starts `rate` iterations per `timeUnit` for `duration`, however long each takes. */
export const constantArrivalRate: Executor<'constant-arrival-rate'> = {
  kind: 'constant-arrival-rate',
  read(options, common) {
    const preAllocatedVUs = options.integer('preAllocatedVUs', undefined, 0);
    const rate = options.rate('rate');
    const timeUnitMs = options.positiveDuration('timeUnit', '1s');
    const durationMs = options.positiveDuration('duration');
    options.countable(constantArrivals(rate, timeUnitMs, durationMs).total, 'rate', (Number.MAX_SAFE_INTEGER * timeUnitMs) / durationMs);
    return {
      ...common,
      kind: 'constant-arrival-rate',
      rate,
      timeUnitMs,
      durationMs,
      preAllocatedVUs,
      maxVUs: Math.max(preAllocatedVUs, options.integer('maxVUs', preAllocatedVUs, 0)),
    };
  },
  maxVus: (config) => config.maxVUs,
  vusOption: (config) => (config.maxVUs === config.preAllocatedVUs ? 'preAllocatedVUs' : 'maxVUs'),
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
