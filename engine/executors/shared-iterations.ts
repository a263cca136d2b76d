import { OptionsError } from '../errors.ts';
import { runClosedModel } from './closed-model.ts';
import type { Executor } from './executor-types.ts';
import { shareOf } from './segment.ts';

/** VUs share a pool of iterations; fast VUs do more of them. */
export const sharedIterations: Executor<'shared-iterations'> = {
  kind: 'shared-iterations',
  read(options, common) {
    const vus = options.integer('vus', 1, 1);
    const iterations = options.integer('iterations', 1, 1);
    if (vus > iterations) {
      throw new OptionsError(
        `invalid scenarios.${common.name}.iterations; expected at least as many iterations as vus (${vus}), got ${iterations}`,
      );
    }
    return { ...common, kind: 'shared-iterations', vus, iterations, maxDurationMs: options.positiveDuration('maxDuration', '10m') };
  },
  maxVus: (config) => config.vus,
  vusOption: () => 'vus',
  durationMs: (config) => config.maxDurationMs,
  async run(config, context) {
    let remaining = shareOf(config.iterations, context.segment);
    const vus = Math.min(shareOf(config.vus, context.segment), remaining);
    const start = performance.now();
    await runClosedModel(context, vus, start + config.maxDurationMs, config.gracefulStopMs, () => remaining-- > 0);
  },
};
