import type { Tags } from '../metrics/metric-types.ts';

/** What `k6/execution` tells about the scenario a VU runs in; one object per scenario per worker. */
export interface ScenarioState {
  readonly name: string;
  readonly executor: string;
  readonly exec: string;
  readonly tags: Tags;
  readonly env: Record<string, string>;
  /** Epoch ms when the scenario started; 0 until then. */
  startTime: number;
  /** Iterations started by this worker in this scenario. */
  iterationsInInstance: number;
  /** The scenario's progress, 0 to 1. */
  progress(): number;
}
