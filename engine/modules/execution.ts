import { TestAbortError, type Vu } from '../runtime/vu.ts';

/** The `k6/execution` module: what the VU, its scenario, this instance and the test are doing now. */
export function createExecutionModule(vu: Vu) {
  const { state } = vu.runtime;
  const scenario = vu.scenario;

  const module = {
    vu: {
      get idInInstance() {
        return vu.idInInstance;
      },
      get idInTest() {
        return vu.idInTest;
      },
      get iterationInInstance() {
        return vu.iteration;
      },
      get iterationInScenario() {
        return vu.iterationInScenario;
      },
      /** @deprecated in k6 too: use `metrics.tags`. */
      tags: vu.userTags,
      metrics: { tags: vu.userTags, metadata: vu.metadata },
    },
    scenario: {
      get name() {
        return scenario?.name ?? '';
      },
      get executor() {
        return scenario?.executor ?? '';
      },
      get startTime() {
        return scenario?.startTime ?? 0;
      },
      get progress() {
        return scenario?.progress() ?? 0;
      },
      get iterationInInstance() {
        return scenario?.iterationsInInstance ?? 0;
      },
      get iterationInTest() {
        return scenario?.iterationsInInstance ?? 0;
      },
    },
    instance: {
      get iterationsInterrupted() {
        return state.iterationsInterrupted;
      },
      get iterationsCompleted() {
        return state.iterationsCompleted;
      },
      get vusActive() {
        return state.vusActive;
      },
      get vusInitialized() {
        return state.vusInitialized;
      },
      get currentTestRunDuration() {
        return state.startedAt ? Date.now() - state.startedAt : 0;
      },
    },
    test: {
      abort(reason = 'test.abort() called') {
        throw new TestAbortError(reason);
      },
      get options() {
        return vu.runtime.options;
      },
    },
  };
  return { ...module, default: module, __esModule: true };
}
