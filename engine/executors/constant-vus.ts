import { runClosedModel } from './closed-model.ts';
import type { Executor } from './executor-types.ts';
import { shareOf } from './segment.ts';

/** A fixed number of VUs loop over iterations for a duration. */
export const constantVus: Executor<'constant-vus'> = {
  kind: 'constant-vus',
  read(options, common) {
    return { ...common, kind: 'constant-vus', vus: options.integer('vus', 1, 1), durationMs: options.positiveDuration('duration') };
  },
  maxVus: (config) => config.vus,
  vusOption: () => 'vus',
  durationMs: (config) => config.durationMs,
  async run(config, context) {
    const start = performance.now();
    await runClosedModel(context, shareOf(config.vus, context.segment), start + config.durationMs, config.gracefulStopMs, () => true);
  },
};
