import { rampingArrivals } from './arrival-schedule.ts';
import type { Executor } from './executor-types.ts';
import { runOpenModel } from './open-model.ts';

/** Starts iterations at a rate that changes linearly within each stage. */
export const rampingArrivalRate: Executor<'ramping-arrival-rate'> = {
  kind: 'ramping-arrival-rate',
  read(options, common) {
    const preAllocatedVUs = options.integer('preAllocatedVUs', undefined, 0);
    const startRate = options.rate('startRate', 0, true);
    const timeUnitMs = options.positiveDuration('timeUnit', '1s');
    const stages = options.stages();
    options.countable(rampingArrivals(startRate, timeUnitMs, stages).total, 'stages');
    return {
      ...common,
      kind: 'ramping-arrival-rate',
      startRate,
      timeUnitMs,
      stages,
      preAllocatedVUs,
      maxVUs: Math.max(preAllocatedVUs, options.integer('maxVUs', preAllocatedVUs, 0)),
    };
  },
  maxVus: (config) => config.maxVUs,
  vusOption: (config) => (config.maxVUs === config.preAllocatedVUs ? 'preAllocatedVUs' : 'maxVUs'),
  durationMs: (config) => config.stages.reduce((sum, stage) => sum + stage.durationMs, 0),
  run: (config, context) =>
    runOpenModel(
      rampingArrivals(config.startRate, config.timeUnitMs, config.stages),
      context,
      config.preAllocatedVUs,
      rampingArrivalRate.durationMs(config),
      config.gracefulStopMs,
    ),
};
