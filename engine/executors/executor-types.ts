import type { Tags } from '../metrics/metric-types.ts';
import type { IterationOutcome, Vu } from '../runtime/vu.ts';
import type { ScenarioState } from '../runtime/scenario-state.ts';
import type { OptionReader } from './read-option.ts';
import type { Segment } from './segment.ts';

/** Options every executor shares, with k6's defaults applied. */
export interface CommonScenario {
  name: string;
  executor: string;
  startTimeMs: number;
  gracefulStopMs: number;
  exec: string;
  env: Record<string, string>;
  tags: Tags;
}

export interface Stage {
  durationMs: number;
  target: number;
}

export type ScenarioConfig = CommonScenario &
  (
    | { kind: 'shared-iterations'; vus: number; iterations: number; maxDurationMs: number }
    | { kind: 'per-vu-iterations'; vus: number; iterations: number; maxDurationMs: number }
    | { kind: 'constant-vus'; vus: number; durationMs: number }
    | { kind: 'ramping-vus'; startVUs: number; stages: Stage[]; gracefulRampDownMs: number }
    | { kind: 'constant-arrival-rate'; rate: number; timeUnitMs: number; durationMs: number; preAllocatedVUs: number; maxVUs: number }
    | { kind: 'ramping-arrival-rate'; startRate: number; timeUnitMs: number; stages: Stage[]; preAllocatedVUs: number; maxVUs: number }
  );

export type ExecutorKind = ScenarioConfig['kind'];
export type ConfigOf<K extends ExecutorKind> = Extract<ScenarioConfig, { kind: K }>;

/** The VUs one scenario may use in this instance; arrival-rate executors grow it up to maxVUs. */
export interface VuSupply {
  /** VUs created so far, free or busy. */
  readonly size: number;
  readonly limit: number;
  /** Creates VUs until `count` exist. */
  initialize(count: number): void;
  /** A free VU, creating one if the limit allows; undefined when every VU is busy. */
  acquire(): Vu | undefined;
  release(vu: Vu): void;
  /** VUs in the middle of an iteration. */
  busy(): Vu[];
}

/** What an executor gets to run its part of a scenario in this instance. */
export interface ExecutorContext {
  readonly segment: Segment;
  readonly state: ScenarioState;
  readonly vus: VuSupply;
  /** Aborted when the whole test stops early (test.abort, a signal, abortOnFail thresholds). */
  readonly stop: AbortSignal;
  /** Runs one iteration on the VU and counts it. */
  runIteration(vu: Vu): Promise<IterationOutcome>;
  /** Counts an iteration an open-model executor could not start. */
  dropIterations(count: number): void;
  /** Changes the active-VU count this scenario contributes to the `vus` gauge. */
  activeVus(delta: number): void;
}

/** One executor: how it reads its options and how it schedules iterations. */
export interface Executor<K extends ExecutorKind = ExecutorKind> {
  readonly kind: K;
  /** Reads the executor's own options, with k6's names and defaults. */
  read(options: OptionReader, common: CommonScenario): ConfigOf<K>;
  /** The most VUs this scenario can use across all instances: the size of its VU id range. */
  maxVus(config: ConfigOf<K>): number;
  /** The option that sets maxVus, for messages: `maxVUs`, `vus`, `stages[2].target`… */
  vusOption(config: ConfigOf<K>): string;
  /** How long the scenario runs, from its start, not counting gracefulStop. */
  durationMs(config: ConfigOf<K>): number;
  /** Runs this instance's segment of the scenario; resolves when its last iteration has ended. */
  run(config: ConfigOf<K>, context: ExecutorContext): Promise<void>;
}
