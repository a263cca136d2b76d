import { constantArrivalRate } from './constant-arrival-rate.ts';
import { constantVus } from './constant-vus.ts';
import type { Executor, ExecutorKind } from './executor-types.ts';
import { perVuIterations } from './per-vu-iterations.ts';
import { rampingArrivalRate } from './ramping-arrival-rate.ts';
import { rampingVus } from './ramping-vus.ts';
import { sharedIterations } from './shared-iterations.ts';

/** The six k6 executors, by their k6 names. */
export const EXECUTORS: { [K in ExecutorKind]: Executor<K> } = {
  'shared-iterations': sharedIterations,
  'per-vu-iterations': perVuIterations,
  'constant-vus': constantVus,
  'ramping-vus': rampingVus,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-arrival-rate': rampingArrivalRate,
};

export function isExecutorKind(name: unknown): name is ExecutorKind {
  return typeof name === 'string' && Object.hasOwn(EXECUTORS, name);
}

export type { CommonScenario, ConfigOf, ExecutorContext, ExecutorKind, ScenarioConfig, Stage, VuSupply } from './executor-types.ts';
