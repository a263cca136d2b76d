import { EXECUTORS } from '../executors/index.ts';
import type { ExecutorContext, ScenarioConfig } from '../executors/executor-types.ts';
import { shareOf, offsetOf, type Segment } from '../executors/segment.ts';
import { sleepUntil } from '../executors/executor-timing.ts';
import type { ScenarioState } from './scenario-state.ts';
import { VuPool } from './vu-pool.ts';
import type { VuRuntime } from './vu-runtime.ts';

interface PreparedScenario {
  config: ScenarioConfig;
  state: ScenarioState;
  pool: VuPool;
}

/** Runs this instance's segment of every scenario on one thread's VUs. */
export class InstanceRunner {
  private readonly scenarios: PreparedScenario[];

  constructor(
    private readonly runtime: VuRuntime,
    scenarios: ScenarioConfig[],
    firstVuIds: number[],
    private readonly segment: Segment,
    setupData: string | undefined,
  ) {
    this.scenarios = scenarios.map((config, index) => {
      const executor = EXECUTORS[config.kind] as { maxVus(config: ScenarioConfig): number; durationMs(config: ScenarioConfig): number };
      const maxVus = executor.maxVus(config);
      const durationMs = executor.durationMs(config);
      const state: ScenarioState = {
        name: config.name,
        executor: config.kind,
        exec: config.exec,
        tags: config.tags,
        env: config.env,
        startTime: 0,
        iterationsInInstance: 0,
        progress: () => (state.startTime ? Math.min(1, (Date.now() - state.startTime) / durationMs) : 0),
      };
      const firstId = firstVuIds[index]! + offsetOf(maxVus, segment);
      return { config, state, pool: new VuPool(runtime, state, firstId, shareOf(maxVus, segment), setupData) };
    });
  }

  /** VUs a k6 run initializes before load starts: closed models' VUs and arrival-rate preAllocatedVUs. */
  prepare(): void {
    for (const { config, pool } of this.scenarios) {
      const initial =
        config.kind === 'constant-arrival-rate' || config.kind === 'ramping-arrival-rate'
          ? config.preAllocatedVUs
          : EXECUTORS[config.kind].maxVus(config as never);
      pool.initialize(shareOf(initial, this.segment));
    }
  }

  get vusMax(): number {
    return this.scenarios.reduce((sum, scenario) => sum + scenario.pool.size, 0);
  }

  async run(startAt: number, stop: AbortSignal): Promise<void> {
    this.runtime.state.startedAt = startAt;
    const startPerf = performance.now() + (startAt - Date.now());
    await Promise.all(
      this.scenarios.map(async (scenario) => {
        await sleepUntil(startPerf + scenario.config.startTimeMs, stop);
        if (stop.aborted) return;
        scenario.state.startTime = Date.now();
        const executor = EXECUTORS[scenario.config.kind] as { run(config: ScenarioConfig, context: ExecutorContext): Promise<void> };
        await executor.run(scenario.config, this.contextFor(scenario, stop));
      }),
    );
  }

  /** Interrupts every running iteration, for a test-wide stop. */
  interruptAll(): void {
    for (const { pool } of this.scenarios) for (const vu of pool.busy()) vu.interrupt();
  }

  private contextFor({ config, state, pool }: PreparedScenario, stop: AbortSignal): ExecutorContext {
    const { runtime } = this;
    const droppedTags = runtime.sink.tagSet({ ...runtime.globalTags, ...config.tags, scenario: config.name });
    return {
      segment: this.segment,
      state,
      vus: pool,
      stop,
      async runIteration(vu) {
        state.iterationsInInstance++;
        const outcome = await vu.iterate(config.exec);
        if (outcome === 'interrupted') runtime.state.iterationsInterrupted++;
        else runtime.state.iterationsCompleted++;
        return outcome;
      },
      dropIterations(count) {
        runtime.sink.add(runtime.builtins.dropped_iterations, droppedTags, count);
      },
      activeVus(delta) {
        runtime.state.vusActive += delta;
        if (runtime.state.vusActive > runtime.state.vusPeak) runtime.state.vusPeak = runtime.state.vusActive;
      },
    };
  }
}
